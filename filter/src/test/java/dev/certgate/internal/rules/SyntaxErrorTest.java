package dev.certgate.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntaxErrorTest {
    static RuleSyntaxException fail(String expr) {
        return assertThrows(RuleSyntaxException.class, () -> Expression.compile(expr, NamedLists.EMPTY), expr);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "http.hots eq \"a\"",
                "HTTP.HOST eq \"a\"",
                "http.host EQ \"a\"",
                "ssl AND ssl",
                "foo(http.host)",
                "(ssl",
                "ssl)",
                "((ssl)",
                "ssl and",
                "and ssl",
                "ssl and and ssl",
                "ssl or or ssl",
                "not",
                "http.host eq \"a\" eq \"b\"",
                "http.host",
                "len(http.host)",
                "ip.src",
                "lower(http.host)",
                "http.request.headers.names[*] eq \"a\"",
                "ssl == true",
                "ssl eq true",
                "starts_with(http.host, \"a\") == true",
                "http.host eq 12",
                "http.host eq \"a",
                "http.host eq \"\\n\"",
                "http.host eq \"\\t\"",
                "http.host eq \"\\u0041\"",
                "http.host eq \"\\'\"",
                "http.host eq \"\\8\"",
                "http.host eq \"\\x4\"",
                "http.host eq \"\\400\"",
                "http.host eq \"\\d\"",
                "http.host eq r\"abc\"#",
                "http.host eq r#\"abc\"",
                "len(http.host) eq 08",
                "len(http.host) eq 0X1",
                "len(http.host) eq -0x1",
                "len(http.host) eq 1.5",
                "len(http.host) eq 99999999999999999999",
                "len(http.host) eq 0x8000000000000000",
                "len(http.host) eq \"11\"",
                "http.host in {\"a\",\"b\"}",
                "http.host in {\"a\" 1}",
                "len(http.host) in {5..1}",
                "ip.src eq 10.0.0.0/8",
                "ip.src in {192.0.2.1/24}",
                "ip.src in {10.0.0.0/33}",
                "ip.src in {::/129}",
                "ip.src in {10.0.0.1..::1}",
                "ip.src in {10.0.0.9..10.0.0.1}",
                "ip.src eq \"192.0.2.1\"",
                "ip.src eq 1.1.1.01",
                "ip.src eq 1.2.3",
                "ip.src contains \"x\"",
                "ip.src matches \"x\"",
                "http.host in {192.0.2.1}",
                "len(http.host) matches \"1\"",
                "http.host & 1",
                "http.host bitwise_and 1",
                "http.host matches \"(\"",
                "http.host matches \"(a)\\1\"",
                "http.host matches \"a(?=b)\"",
                "http.host matches \"(?<=a)b\"",
                "http.host matches \"(?!a)\"",
                "http.host matches \"\\pL\"",
                "http.host matches \"[\u00e9]\"",
                "http.host matches \"a(?u)b\"",
                "http.host matches \"(?u)(?-u:a)\"",
                "http.host wildcard \"a**b\"",
                "http.host wildcard \"a\\?\"",
                "http.host wildcard \"a\\\\\"",
                "http.host wildcard \"\\\\b\"",
                "http.host wildcard 61:62",
                "http.host strict  wildcard \"a\"",
                "http.host strictwildcard \"a\"",
                "http.host[*] eq \"a\"",
                "http.host[0] eq \"a\"",
                "concat(\"a\", http.request.headers.names[*])[0] eq \"a\"",
                "http.request.headers.names[-1] eq \"a\"",
                "http.request.headers.names[\"a\"] eq \"a\"",
                "http.request.headers[0][0] eq \"a\"",
                "http.request.headers[r\"a\"][0] eq \"a\"",
                "http.request.headers [\"a\"][0] eq \"a\"",
                "any(ssl)",
                "any(http.request.headers.names)",
                "ssl and any(http.request.headers.names[*] eq \"a\") or http.request.headers.names[*] eq \"b\"",
                "ssl or http.request.headers.names[*] eq \"a\"",
                "ip.src in $bad-name",
                "ip.src in $Upper",
                "ip.src in $missing",
                "len(http.host, http.host) eq 1",
                "lower(ip.src) eq \"a\"",
                "concat(\"a\", 1) eq \"a\"",
                "concat(\"a\") eq \"a\"",
                "starts_with(\"abc\", \"a\")",
                "substring(http.host) eq \"\"",
                "substring(http.host, len(http.host)) eq \"\"",
                "url_decode(http.host, \"x\") eq \"\"",
                "remove_bytes(http.host, http.host) eq \"\"",
                "cidr(ip.src, 33, 64) eq 1.2.3.4",
                "cidr6(ip.src, 0) eq ::",
                "join(http.host, \",\") eq \"\"",
                "lookup_json_string(http.cookie) eq \"\"",
                "lookup_json_integer(http.cookie, -1) eq 1",
                "lower(http.host,) eq \"a\"",
                "lower() eq \"a\"",
                "lower(http.host eq \"a\"",
                "ssl\tand ssl",
                "http.host eq # comment",
                "ssl === ssl",
                "http.host = \"a\"",
                "http.host <> \"a\"",
                "ssl | ssl",
                "ssl ^ ssl",
                "ssl & ssl",
                "http.request.headers eq \"a\"",
                "http.request.headers.names in {\"a\"}",
                "http.request.headers[\"a\"] eq \"a\"",
                "true eq true",
                "http.host eq \"\\xff\" or http.host.eq",
            })
    void rejected(String expr) {
        RuleSyntaxException e = fail(expr);
        assertTrue(e.line() >= 1 && e.column() >= 1, expr);
        assertTrue(!e.getMessage().contains("internal error"), e.getMessage());
        assertTrue(e.getMessage().contains("\n"), "message has an excerpt and a caret");
    }

    @Test
    void anInternalFailureBecomesASyntaxErrorThatKeepsItsCause() {
        IllegalStateException bug = new IllegalStateException("a parser bug");
        RuleSyntaxException e = assertThrows(
                RuleSyntaxException.class,
                () -> Expression.compile("ssl", NamedLists.EMPTY, (src, lists) -> {
                    throw bug;
                }));
        assertTrue(e.getMessage().contains("internal error: IllegalStateException"), e.getMessage());
        assertSame(bug, e.getCause());
    }

    @Test
    void messageHasPositionExpectedExcerptAndCaret() {
        RuleSyntaxException e = fail("http.host eq \"a\"\n  and ssl == true");
        assertEquals(2, e.line());
        assertEquals(11, e.column());
        assertEquals("and, or, xor or the end of the expression", e.expected());
        assertEquals(
                "2:11: a Boolean takes no operator: write ssl or not ssl, expected "
                        + "and, or, xor or the end of the expression\n  and ssl == true\n          ^",
                e.getMessage());
    }

    @Test
    void commaInSetPointsAtTheComma() {
        RuleSyntaxException e = fail("http.host in {\"a\", \"b\"}");
        assertEquals(1, e.line());
        assertEquals(18, e.column());
        assertEquals("a space between the items", e.expected());
    }

    @Test
    void unknownFieldSuggestsTheRightCase() {
        RuleSyntaxException e = fail("HTTP.HOST eq \"a\"");
        assertEquals(1, e.column());
        assertEquals("http.host", e.expected());
    }

    @Test
    void listItemsAreCheckedForTheirType() {
        NamedLists lists = NamedLists.of(Map.of("office", List.of("192.0.2.0/24", "not-an-ip")));
        RuleSyntaxException e =
                assertThrows(RuleSyntaxException.class, () -> Expression.compile("ip.src in $office", lists));
        assertTrue(e.getMessage().contains("$office") && e.getMessage().contains("'not-an-ip'"), e.getMessage());
        assertEquals(11, e.column());
    }

    @Test
    void limits() {
        String deep = "(".repeat(129) + "ssl" + ")".repeat(129);
        assertTrue(fail(deep).getMessage().contains("nested more than 128"));
        String okDeep = "(".repeat(128) + "ssl" + ")".repeat(128);
        assertEquals(okDeep, assertCompiles(okDeep).toString());
        assertTrue(fail("not ".repeat(200) + "ssl").getMessage().contains("nested"));
        String longExpr = "ssl" + " or ssl".repeat(700);
        RuleSyntaxException e = fail(longExpr);
        assertEquals(4097, e.column());
        assertTrue(e.getMessage().contains("4096"));
        fail("lower(".repeat(200) + "http.host" + ")".repeat(200) + " eq \"a\"");
    }

    static Expression assertCompiles(String expr) {
        try {
            return Expression.compile(expr, NamedLists.EMPTY);
        } catch (RuleSyntaxException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http.host in {}",
                "ip.src in {}",
                "  ssl  ",
                "\tssl\t",
                "ssl\nand\r\nssl",
                "http.host eq\"a\"",
                "(ssl)or(ssl)",
                "http.request.headers[ \"accept\" ][ 0 ] eq \"a\"",
                "ip.src in {1.2.3.4 ::1 10.0.0.0/8 ::/0 1.1.1.1..1.1.1.2}",
                "http.host matches \"[\\\"]\"",
                "http.host matches \"[\"]\"",
                "http.host matches \"\\\\\"",
                "http.host matches r#\"a\"b\"#",
                "http.host in {r\"a\" r#\"b\"# \"c\" 64:65}",
                "len(http.host) eq -9223372036854775808",
                "len(http.host) eq 9223372036854775807",
                "len(http.host) eq 0x7fffffffffffffff",
                "len(http.host) eq 0777",
                "ip.src eq ::ffff:1.2.3.4",
                "ip.src eq 1::",
                "ip.src eq ::",
                "http.host eq \"\\\"\\\\\\x00\\377\"",
                "http.host wildcard \"\"",
                "http.host wildcard \"*a*\"",
                "http.host wildcard \"\\\\*\"",
            })
    void accepted(String expr) {
        assertCompiles(expr);
    }

    @Test
    void normalisedFormReparsesToItself() {
        String[] sources = {
            "http.host==\"a\"&&!ssl||ip.src in{10.0.0.0/8 1.2.3.4}",
            "http.host matches \"[\"]\"",
            "http.host matches r#\"a\"b\"#",
            "http.host eq 61:62:63",
            "http.host eq \"\\xff\\x00\\x09\u00e9\"",
            "ip.src in {2001:0db8::0:1 ::ffff:1.2.3.4}",
            "any(lower(http.request.headers.names[*])[*] == \"x\")",
            "len(http.host) in {0x10 010..011}"
        };
        for (String s : sources) {
            String once = assertCompiles(s).toString();
            assertEquals(once, assertCompiles(once).toString(), s);
        }
        assertEquals(
                "http.host eq \"a\" and not ssl or ip.src in {10.0.0.0/8 1.2.3.4}",
                assertCompiles(sources[0]).toString());
        assertEquals("len(http.host) in {16 8..9}", assertCompiles(sources[7]).toString());
    }
}
