package dev.certgate.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One pass over a rule list gives every rule's own answer; rules it skips could not have matched. */
class RuleSetTest {
    private static final List<String> RULES = List.of(
            "http.host in {\"a.example\" \"b.example\"} and not cf.tls_client_auth.cert_verified",
            "http.host eq \"c.example\" and http.request.method eq \"DELETE\"",
            "(http.request.uri.path eq \"/admin\" and ssl)",
            "http.request.method eq \"DELETE\" and http.request.uri.path wildcard \"/v1/*\"",
            "http.request.method in {\"PUT\" \"DELETE\"} or http.host eq \"a.example\"",
            "not http.host eq \"a.example\" and http.request.uri.path eq \"/admin\"",
            "http.request.uri.path in {\"/x\" \"/admin\"} and cf.tls_client_auth.cert_subject_dn contains \"OU=Ops\"",
            "cf.tls_client_auth.cert_subject_dn eq \"CN=a\" and http.host eq \"b.example\"",
            "any(http.request.headers[\"x-debug\"][*] eq \"1\")",
            "http.host ne \"a.example\" and http.request.uri.path eq \"/x\"");

    private static List<Expression> compiled() throws RuleSyntaxException {
        List<Expression> out = new ArrayList<>();
        for (String r : RULES) {
            out.add(Expression.compile(r, NamedLists.EMPTY));
        }
        return out;
    }

    private static List<FieldMap> requests() {
        List<FieldMap> out = new ArrayList<>();
        for (String host : List.of("a.example", "b.example", "c.example", "z.example", "")) {
            for (String path : List.of("/admin", "/x", "/v1/users", "/")) {
                for (String method : List.of("GET", "DELETE", "PUT")) {
                    for (boolean verified : new boolean[] {true, false}) {
                        out.add(FieldMap.of(
                                "http.host",
                                host,
                                "http.request.uri.path",
                                path,
                                "http.request.method",
                                method,
                                "ssl",
                                verified,
                                "cf.tls_client_auth.cert_verified",
                                verified,
                                "cf.tls_client_auth.cert_subject_dn",
                                verified ? "CN=a,OU=Ops" : "CN=a",
                                "http.request.headers",
                                java.util.Map.of("x-debug", List.of(verified ? "1" : "0"))));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyRuleGivesItsOwnAnswerAndSkippedRulesNeverMatch() throws RuleSyntaxException {
        List<Expression> rules = compiled();
        RuleSet set = RuleSet.of(rules);
        int skipped = 0;
        for (FieldMap v : requests()) {
            long candidates = set.candidates(v);
            int expectedCount = 0;
            for (int i = 0; i < rules.size(); i++) {
                boolean alone = rules.get(i).matches(v);
                expectedCount += alone ? 1 : 0;
                assertEquals(alone, set.matches(i, candidates, v), RULES.get(i));
                if ((candidates & (1L << i)) == 0) {
                    skipped++;
                    assertTrue(!alone, "a skipped rule matched: " + RULES.get(i));
                }
            }
            assertEquals(expectedCount, set.countMatches(v));
        }
        assertTrue(skipped > 100, "the index must skip rules, skipped " + skipped);
    }

    @Test
    void aFieldNamedByOneRuleOnlyIsNotIndexed() throws RuleSyntaxException {
        RuleSet one = RuleSet.of(List.of(
                Expression.compile("http.host eq \"a\"", NamedLists.EMPTY),
                Expression.compile("ssl", NamedLists.EMPTY)));
        assertEquals(0b11, one.candidates(FieldMap.of("http.host", "zzz")));
    }

    @Test
    void rulesBeyondTheIndexAreAlwaysEvaluated() throws RuleSyntaxException {
        List<Expression> many = new ArrayList<>();
        for (int i = 0; i < RuleSet.INDEXED + 6; i++) {
            many.add(Expression.compile("http.host eq \"h" + i + "\"", NamedLists.EMPTY));
        }
        RuleSet set = RuleSet.of(many);
        FieldMap last = FieldMap.of("http.host", "h" + (RuleSet.INDEXED + 5));
        assertEquals(1, set.countMatches(last));
        assertEquals(1, set.countMatches(FieldMap.of("http.host", "h3")));
        assertEquals(0, set.countMatches(FieldMap.of("http.host", "nope")));
    }
}
