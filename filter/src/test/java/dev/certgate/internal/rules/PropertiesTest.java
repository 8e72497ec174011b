package dev.certgate.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Compile never throws anything but RuleSyntaxException; the preview re-parses to itself. */
class PropertiesTest {
    private static final List<String> TOKENS = List.of(
            "http.host",
            "ssl",
            "ip.src",
            "len(",
            "lower(",
            "any(",
            "all(",
            "http.request.headers",
            "http.request.headers.names",
            "[*]",
            "[0]",
            "[\"a\"]",
            "(",
            ")",
            "{",
            "}",
            "eq",
            "==",
            "!=",
            "ne",
            "<",
            "lt",
            ">=",
            "in",
            "contains",
            "matches",
            "~",
            "wildcard",
            "strict wildcard",
            "&",
            "bitwise_and",
            "and",
            "or",
            "xor",
            "not",
            "!",
            "&&",
            "||",
            "^^",
            "\"a\"",
            "\"\\x41\"",
            "r#\"b\"#",
            "1",
            "-1",
            "0x1f",
            "017",
            "10..20",
            "192.0.2.0/24",
            "::1",
            "1.2.3.4",
            "$list",
            ",",
            "\"(a\"",
            "\"[\\\"]\"",
            "*",
            "concat(",
            "substring(",
            "cidr(",
            "url_decode(",
            "lookup_json_string(",
            "true",
            "false",
            "\t",
            "\n",
            "61:62");

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(25).map(l -> String.join(" ", l));
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().ofMaxLength(200);
    }

    @Property(tries = 3000)
    void tokenSoupOnlyFailsWithSyntaxErrors(@ForAll("tokenSoup") String src) {
        checkCompileAndReparse(src);
    }

    @Property(tries = 2000)
    void arbitraryTextOnlyFailsWithSyntaxErrors(@ForAll("anyText") String src) {
        checkCompileAndReparse(src);
    }

    @Provide
    Arbitrary<String> validExpressions() {
        Arbitrary<String> comparison = Arbitraries.of(
                "http.host eq \"api.example.com\"",
                "http.host in {\"a\" \"b\"}",
                "ssl",
                "not cf.tls_client_auth.cert_verified",
                "ip.src in {10.0.0.0/8 ::/0}",
                "len(http.host) > 3",
                "http.host wildcard \"*.example.com\"",
                "http.request.uri.path matches \"^/v\\d+\"",
                "any(http.request.headers.names[*] eq \"X\")",
                "lower(http.host) contains \"api\"",
                "true");
        return Arbitraries.recursive(
                () -> comparison,
                inner -> Arbitraries.oneOf(
                        inner.map(s -> "not " + s),
                        inner.map(s -> "(" + s + ")"),
                        Combinators.combine(inner, Arbitraries.of("and", "or", "xor", "&&", "||", "^^"), inner)
                                .as((a, op, b) -> a + " " + op + " " + b)),
                4);
    }

    @Property(tries = 1000)
    void validExpressionsReparseToTheSameTree(@ForAll("validExpressions") String src) throws RuleSyntaxException {
        Expression e = Expression.compile(src, NamedLists.EMPTY);
        Expression again = Expression.compile(e.toString(), NamedLists.EMPTY);
        assertEquals(e.toString(), again.toString());
        assertEquals(e.matches(ExpressionTest.REQ), again.matches(ExpressionTest.REQ));
        assertEquals(e.matches(new FieldMap()), again.matches(new FieldMap()));
    }

    private static void checkCompileAndReparse(String src) {
        Expression e;
        try {
            e = Expression.compile(src, NamedLists.EMPTY);
        } catch (RuleSyntaxException ex) {
            assertFalse(ex.getMessage().contains("internal error"), ex.getMessage());
            return;
        }
        try {
            assertEquals(
                    e.toString(),
                    Expression.compile(e.toString(), NamedLists.EMPTY).toString());
        } catch (RuleSyntaxException ex) {
            throw new AssertionError("preview of " + src + " does not re-parse: " + ex.getMessage());
        }
        e.matches(ExpressionTest.REQ);
        e.matches(new FieldMap());
        e.trace(ExpressionTest.REQ);
    }
}
