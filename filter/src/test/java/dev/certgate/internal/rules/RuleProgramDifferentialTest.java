package dev.certgate.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.facts.RuleResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The one-pass program ({@link RuleSet#matching}) gives, rule by rule, the answer of each rule's
 * own evaluation, on generated rule lists and requests: shared atoms, equality and any() groups,
 * nested and/or/not/xor, and stopping after a terminating rule; and with the answers of
 * certificate-only tests remembered per chain ({@link ChainMemo}, the filter's {@link RuleResults})
 * across requests of several chains.
 */
class RuleProgramDifferentialTest {
    /** Tests the generator combines; several share fields and literals so that groups form. */
    private static final List<String> ATOMS = List.of(
            "http.host eq \"a.example\"",
            "http.host eq \"b.example\"",
            "http.host in {\"a.example\" \"c.example\"}",
            "http.host in {\"b.example\" \"d.example\"}",
            "http.host ne \"a.example\"",
            "http.request.method eq \"DELETE\"",
            "http.request.method in {\"PUT\" \"DELETE\"}",
            "http.request.uri.path eq \"/admin\"",
            "http.request.uri.path in {\"/x\" \"/admin\"}",
            "http.request.uri.path wildcard \"/v1/*\"",
            "http.request.uri.path contains \"dm\"",
            "ssl",
            "cf.tls_client_auth.cert_verified",
            "cf.tls_client_auth.cert_revoked",
            "ip.src in {10.0.0.0/8 2001:db8::/32}",
            "ip.src in {192.0.2.0/24}",
            "ip.src eq 2001:db8::7",
            "cf.tls_client_auth.cert_subject_dn contains \"OU=Ops\"",
            "cf.tls_client_auth.cert_subject_dn contains \"CN=a\"",
            "cf.tls_client_auth.cert_subject_dn eq \"CN=b\"",
            "cf.tls_client_auth.cert_issuer_ski eq \"AB\"",
            "any(certgate.tls_client_auth.san.dns[*] eq \"x.example\")",
            "any(certgate.tls_client_auth.san.dns[*] eq \"y.example\")",
            "all(certgate.tls_client_auth.san.dns[*] eq \"x.example\")",
            "any(http.request.headers[\"x-tenant\"][*] eq \"t1\")",
            "any(http.request.headers[\"x-tenant\"][*] eq \"t2\")",
            "any(http.request.headers[\"x-other\"][*] eq \"t1\")",
            "len(http.host) gt 9",
            "true",
            "false");

    private static String expression(Random r, int depth) {
        if (depth == 0 || r.nextInt(3) == 0) {
            String atom = ATOMS.get(r.nextInt(ATOMS.size()));
            return r.nextInt(4) == 0 ? "not " + wrap(atom) : atom;
        }
        int n = 2 + r.nextInt(3);
        String op = List.of(" and ", " or ", " and ", " or ", " xor ").get(r.nextInt(5));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(op);
            }
            sb.append('(').append(expression(r, depth - 1)).append(')');
        }
        return r.nextInt(5) == 0 ? "not (" + sb + ")" : sb.toString();
    }

    private static String wrap(String atom) {
        return atom.startsWith("any(") || atom.startsWith("all(") || !atom.contains(" ") ? atom : "(" + atom + ")";
    }

    private static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static FieldMap request(Random r) {
        return FieldMap.of(
                "http.host",
                pick(r, List.of("a.example", "b.example", "c.example", "d.example", "zz.example.org")),
                "http.request.method",
                pick(r, List.of("GET", "PUT", "DELETE")),
                "http.request.uri.path",
                pick(r, List.of("/admin", "/x", "/v1/users", "/V1/a", "/")),
                "ssl",
                r.nextBoolean(),
                "cf.tls_client_auth.cert_verified",
                r.nextBoolean(),
                "cf.tls_client_auth.cert_revoked",
                r.nextInt(4) == 0,
                "ip.src",
                pick(r, List.of("10.1.2.3", "192.0.2.1", "2001:db8::7", "2001:db9::1")),
                "cf.tls_client_auth.cert_subject_dn",
                pick(r, List.of("CN=a,OU=Ops", "CN=b", "")),
                "cf.tls_client_auth.cert_issuer_ski",
                pick(r, List.of("AB", "CD")),
                "certgate.tls_client_auth.san.dns",
                pick(r, List.of(List.of(), List.of("x.example"), List.of("y.example", "x.example"), List.of("z"))),
                "http.request.headers",
                pick(
                        r,
                        List.of(
                                Map.of(),
                                Map.of("x-tenant", List.of("t1")),
                                Map.of("x-tenant", List.of("t0", "t2"), "x-other", List.of("t1")))));
    }

    /** The fields fixed by a presented chain and its verification: what a chain's memo may remember. */
    private static Object[] chain(Random r) {
        return new Object[] {
            "cf.tls_client_auth.cert_verified",
            r.nextBoolean(),
            "cf.tls_client_auth.cert_subject_dn",
            pick(r, List.of("CN=a,OU=Ops", "CN=b", "")),
            "cf.tls_client_auth.cert_issuer_ski",
            pick(r, List.of("AB", "CD")),
            "certgate.tls_client_auth.san.dns",
            pick(r, List.of(List.of(), List.of("x.example"), List.of("y.example", "x.example"), List.of("z")))
        };
    }

    /** A request of a client presenting {@code chain}: the other fields drawn afresh. */
    private static FieldMap request(Random r, Object[] chain) {
        FieldMap v = request(r);
        for (int i = 0; i < chain.length; i += 2) {
            v.set((String) chain[i], chain[i + 1]);
        }
        return v;
    }

    /** Rule by rule in order, as the filter did before the program: the reference. */
    private static long sequential(List<Expression> rules, FieldValues v, long stop) {
        long matched = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).matches(v)) {
                matched |= 1L << i;
                if ((stop & (1L << i)) != 0) {
                    break;
                }
            }
        }
        return matched;
    }

    @Property(tries = 400)
    void theProgramGivesEveryRulesOwnAnswer(@ForAll long seed) throws RuleSyntaxException {
        Random r = new Random(seed);
        List<Expression> rules = new ArrayList<>();
        int n = 1 + r.nextInt(24);
        for (int i = 0; i < n; i++) {
            rules.add(Expression.compile(expression(r, 3), NamedLists.EMPTY));
        }
        RuleSet set = RuleSet.of(rules);
        RuleProgram program = RuleProgram.of(rules.toArray(new Expression[0]), 0);
        int size = ProgramCompiler.codeSize(program);
        assertEquals(size <= ProgramCompiler.MAX_CODE, program.generated(), () -> size + " bytes of code: " + rules);
        for (int k = 0; k < 30; k++) {
            FieldMap v = request(r);
            long all = sequential(rules, v, 0);
            assertEquals(all, set.matching(v, 0), () -> "rules " + rules + " on " + v);
            assertEquals(all, program.interpret(v, 0, null), () -> "interpreted: " + rules + " on " + v);
            assertEquals(Long.bitCount(all), set.countMatches(v));
            long stop = r.nextLong();
            long expected = sequential(rules, v, stop);
            assertEquals(expected, set.matching(v, stop), () -> "stop at " + stop + ": " + rules);
            assertEquals(
                    expected, program.interpret(v, stop, null), () -> "interpreted, stop at " + stop + ": " + rules);
        }
    }

    /**
     * Requests of a few chains, interleaved, each pass given its chain's memo (as the filter gives
     * the cached chain's {@link RuleResults}): remembered answers must be each chain's own, and a
     * memo answering null (a chain outside the cache) must change nothing. The host list and the
     * global list of a group share one memo, so two sets use lists 0 and 1 of it.
     */
    @Property(tries = 300)
    void rememberedCertificateAnswersAreEachChainsOwn(@ForAll long seed) throws RuleSyntaxException {
        Random r = new Random(seed);
        List<List<Expression>> lists = List.of(new ArrayList<>(), new ArrayList<>());
        for (List<Expression> rules : lists) {
            int n = 1 + r.nextInt(20);
            for (int i = 0; i < n; i++) {
                rules.add(Expression.compile(expression(r, 1 + r.nextInt(3)), NamedLists.EMPTY));
            }
        }
        RuleProgram[] programs = {
            RuleProgram.of(lists.get(0).toArray(new Expression[0]), 0),
            RuleProgram.of(lists.get(1).toArray(new Expression[0]), 1)
        };
        for (RuleProgram program : programs) {
            assertEquals(ProgramCompiler.codeSize(program) <= ProgramCompiler.MAX_CODE, program.generated());
        }
        Object[][] chains = {chain(r), chain(r), chain(r)};
        // the generated code and the interpreter, each with memos of their own
        RuleResults[] memos = {new RuleResults(), new RuleResults(), new RuleResults()};
        RuleResults[] interpreterMemos = {new RuleResults(), new RuleResults(), new RuleResults()};
        for (int k = 0; k < 60; k++) {
            int c = r.nextInt(chains.length);
            FieldMap v = request(r, chains[c]);
            long stop = r.nextInt(3) == 0 ? r.nextLong() : 0;
            for (int list = 0; list < 2; list++) {
                List<Expression> rules = lists.get(list);
                long expected = sequential(rules, v, stop);
                RuleProgram program = programs[list];
                assertEquals(
                        expected, program.run(v, stop, () -> memos[c]), () -> "chain " + c + ": " + rules + " on " + v);
                assertEquals(
                        expected,
                        program.interpret(v, stop, () -> interpreterMemos[c]),
                        () -> "interpreted, chain " + c + ": " + rules + " on " + v);
                assertEquals(expected, program.run(v, stop, () -> null), () -> "no memo: " + rules + " on " + v);
            }
        }
    }

    @Test
    void aChainsCertificateTestsAreEvaluatedOnceAndRevocationEveryTime() throws RuleSyntaxException {
        List<Expression> rules = List.of(
                Expression.compile(
                        "not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked", NamedLists.EMPTY),
                Expression.compile(
                        "http.host eq \"a.example\" and cf.tls_client_auth.cert_subject_dn contains \"OU=Ops\"",
                        NamedLists.EMPTY));
        RuleSet set = RuleSet.of(rules);
        RuleResults memo = new RuleResults();
        int[] asked = {0};
        java.util.function.Supplier<RuleResults> memos = () -> {
            asked[0]++;
            return memo;
        };
        Counting v = new Counting();
        v.set("cf.tls_client_auth.cert_verified", true)
                .set("cf.tls_client_auth.cert_subject_dn", "CN=a,OU=Ops")
                .set("http.host", "a.example");
        assertEquals(0b10, set.matching(v, 0, memos));
        assertEquals(List.of(Field.CERT_VERIFIED, Field.CERT_REVOKED, Field.HTTP_HOST, Field.CERT_SUBJECT_DN), v.read);
        v.read.clear();
        assertEquals(0b10, set.matching(v, 0, memos));
        // cert_verified is read again (the chain's cached verdict, as cheap as the memo); the DN test is not
        assertEquals(
                List.of(Field.CERT_VERIFIED, Field.CERT_REVOKED, Field.HTTP_HOST),
                v.read,
                "the second request of the chain");
        assertEquals(2, asked[0], "the memo is asked once per pass");
        // a request decided before any certificate test does not even look for its chain's memo
        RuleSet hostFirst =
                RuleSet.of(List.of(Expression.compile("http.host eq \"a.example\"", NamedLists.EMPTY), rules.get(0)));
        assertEquals(0b01, hostFirst.matching(v, 0b01, () -> {
            throw new AssertionError("no certificate-only test is reached");
        }));
    }

    @Test
    void onlyTestsOfChainFieldsAreRemembered() throws RuleSyntaxException {
        RuleProgram p = RuleProgram.of(
                new Expression[] {
                    Expression.compile(
                            "cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_revoked"
                                    + " and http.host eq \"a\" and any(certgate.tls_client_auth.san.dns[*] eq \"x\")"
                                    + " and cf.tls_client_auth.cert_presented"
                                    + " and (cf.tls_client_auth.cert_verified or http.host eq \"b\")",
                            NamedLists.EMPTY)
                },
                0);
        assertFalse(p.chainAtom(0), "a bare cert_verified: the chain's verdict, read directly");
        assertFalse(p.chainAtom(1), "cert_revoked follows CRL and OCSP updates");
        assertFalse(p.chainAtom(2), "http.host");
        assertTrue(p.chainAtom(3), "the SAN list");
        assertTrue(p.chainAtom(4), "cert_presented");
    }

    @Test
    void aStopKeepsLaterRulesFromReadingTheirFields() throws RuleSyntaxException {
        List<Expression> rules = List.of(
                Expression.compile("http.host eq \"a.example\"", NamedLists.EMPTY),
                Expression.compile("cf.tls_client_auth.cert_verified", NamedLists.EMPTY));
        Counting v = new Counting();
        v.set("http.host", "a.example");
        RuleSet set = RuleSet.of(rules);
        assertEquals(0b01, set.matching(v, 0b01));
        assertEquals(List.of(Field.HTTP_HOST), v.read, "the certificate field was read after the stop");
        v.read.clear();
        assertEquals(0b01, set.matching(v, 0));
        assertEquals(List.of(Field.HTTP_HOST, Field.CERT_VERIFIED), v.read);
    }

    @Test
    void aTestSharedByRulesIsEvaluatedOncePerPass() throws RuleSyntaxException {
        List<Expression> rules = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rules.add(Expression.compile(
                    "ip.src in {10." + i + ".0.0/16} or not (cf.tls_client_auth.cert_verified"
                            + " and cf.tls_client_auth.cert_issuer_ski eq \"AB\")",
                    NamedLists.EMPTY));
        }
        Counting v = new Counting();
        v.set("cf.tls_client_auth.cert_verified", true)
                .set("cf.tls_client_auth.cert_issuer_ski", "AB")
                .set("ip.src", "192.0.2.1");
        assertEquals(0, RuleSet.of(rules).countMatches(v));
        assertEquals(1, v.bools, "cert_verified reads");
        assertEquals(1, v.texts, "issuer_ski reads");
        assertEquals(1, v.ips, "ip.src reads: the rules' first tests, answered by one read");
    }

    @Test
    void containsTestsThatLeadTheirRulesShareOneRead() throws RuleSyntaxException {
        List<Expression> rules = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rules.add(Expression.compile(
                    "cf.tls_client_auth.cert_subject_dn contains \"OU=S" + i + "\" or ssl", NamedLists.EMPTY));
        }
        // behind an and, a contains is not a first test: it keeps its own read, only when reached
        rules.add(Expression.compile("ssl and cf.tls_client_auth.cert_subject_dn contains \"OU=X\"", NamedLists.EMPTY));
        Counting v = new Counting();
        v.set("cf.tls_client_auth.cert_subject_dn", "CN=c,OU=S2,OU=X");
        assertEquals(1L << 2, RuleSet.of(rules).matching(v, 0));
        assertEquals(1, v.texts, "subject DN reads");
        v.set("ssl", true);
        v.texts = 0;
        assertEquals(0b11111, RuleSet.of(rules).matching(v, 0));
        assertEquals(2, v.texts, "subject DN reads with the and reached");
    }

    @Test
    void equalityTestsOnOneFieldAreAnsweredByOneRead() throws RuleSyntaxException {
        List<Expression> rules = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rules.add(Expression.compile("http.host in {\"h" + i + "\" \"g" + i + "\"} and not ssl", NamedLists.EMPTY));
            rules.add(
                    Expression.compile("any(certgate.tls_client_auth.san.dns[*] eq \"s" + i + "\")", NamedLists.EMPTY));
        }
        Counting v = new Counting();
        v.set("http.host", "g3").set("certgate.tls_client_auth.san.dns", List.of("a", "s4", "s1"));
        assertEquals(1L << 3 | 1L << 6 | 1L << 9, RuleSet.of(rules).matching(v, 0));
        assertEquals(1, v.texts, "http.host reads");
        assertEquals(1, v.arrays, "SAN list reads");
    }

    /** Field values that count their reads, by accessor, and list the fields read. */
    private static final class Counting extends FieldMap {
        final List<Field> read = new ArrayList<>();
        int bools;
        int texts;
        int ips;
        int arrays;

        @Override
        public boolean bool(Field field) {
            bools++;
            read.add(field);
            return super.bool(field);
        }

        @Override
        public String bytes(Field field) {
            texts++;
            read.add(field);
            return super.bytes(field);
        }

        @Override
        public IpAddress ip(Field field) {
            ips++;
            read.add(field);
            return super.ip(field);
        }

        @Override
        public List<String> array(Field field) {
            arrays++;
            read.add(field);
            return super.array(field);
        }
    }
}
