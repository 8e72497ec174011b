package dev.certgate.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionTest {
    /** A request with a bit of everything. */
    static final FieldMap REQ = FieldMap.of(
            "http.host", "api.example.com",
            "http.request.uri.path", "/v1/users/42",
            "http.request.uri.query", "a=1&b=%2Fx%252F",
            "http.request.method", "GET",
            "http.user_agent", "curl/8.5.0",
            "http.cookie", "session={\"user\":{\"name\":\"ann\",\"id\":7,\"tags\":[\"x\",\"y\"]}}",
            "ip.src", "192.0.2.7",
            "ssl", true,
            "cf.tls_client_auth.cert_presented", true,
            "cf.tls_client_auth.cert_verified", true,
            "cf.tls_client_auth.cert_issuer_ski", "A5AC554235DBA6D963B9CDE0185CFAD6E3F55E8F",
            "cf.tls_client_auth.cert_subject_dn", "CN=Jos\u00e9,O=Access",
            "http.request.headers", Map.of("accept", List.of("*/*"), "x-multi", List.of("one", "two")),
            "http.request.headers.names", List.of("Accept", "X-Multi", "X-Multi"),
            "http.request.headers.values", List.of("*/*", "one", "two"));

    static boolean eval(String expr) {
        return eval(expr, REQ);
    }

    static boolean eval(String expr, FieldValues values) {
        try {
            return Expression.compile(expr, NamedLists.EMPTY).matches(values);
        } catch (RuleSyntaxException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // equality, both spellings, strings case-sensitive (§13.4)
                "http.host eq \"api.example.com\"",
                "http.host == \"api.example.com\"",
                "http.host ne \"API.example.com\"",
                "http.host != \"x\"",
                // ordering is unsigned byte order
                "http.request.method lt \"Z\"",
                "http.request.method < \"a\"",
                "http.host gt \"B\"",
                "http.host le \"api.example.com\"",
                "http.host >= \"api\"",
                "http.host ge \"api.example.com\"",
                "http.host > \"api.example.co\"",
                // é (C3 A9) sorts after every ASCII byte
                "cf.tls_client_auth.cert_subject_dn gt \"CN=Josz\"",
                "http.host contains \"example\"",
                "http.host contains \"\"",
                "http.request.uri.path matches \"^/v\\d+/\"",
                "http.request.uri.path ~ \"users/[0-9]+$\"",
                "http.host matches \"example\"",
                "http.host wildcard \"*.EXAMPLE.com\"",
                "http.host wildcard \"api.*.com\"",
                "http.host wildcard \"*\"",
                "http.host strict wildcard \"*.example.com\"",
                "http.host in {\"a\" \"api.example.com\"}",
                "http.host in {\"a\"\"api.example.com\"}",
                "http.host in {61:70:69:2e:65:78:61:6d:70:6c:65:2e:63:6f:6d}",
                "http.host eq 61-70-69-2e-65-78-61-6d-70-6c-65-2e-63-6f-6d",
                "http.host eq r\"api.example.com\"",
                "http.host eq r#\"api.example.com\"#",
                "http.host eq \"\\x61pi.example.com\"",
                "http.host eq \"\\141pi.example.com\"",
                "ip.src eq 192.0.2.7",
                "ip.src == 192.0.2.7",
                "ip.src ne 192.0.2.8",
                "ip.src in {192.0.2.0/24}",
                "ip.src in {10.0.0.0/8 192.0.2.5..192.0.2.9}",
                "ip.src in {192.0.2.7}",
                "ip.src in {0.0.0.0/0}",
                "ip.src lt 192.0.2.8",
                "ip.src ne ::1",
                "len(http.host) eq 15",
                "len(http.host) == 017",
                "len(http.host) eq 0xf",
                "len(http.host) eq 0xF",
                "len(http.host) in {1..3 15}",
                "len(http.host) in {14..16}",
                "len(http.host) & 1",
                "len(http.host) bitwise_and 4",
                "len(http.host) > -1",
                "len(cf.tls_client_auth.cert_subject_dn) eq 17",
                "ssl",
                "not not ssl",
                "!!ssl",
                "cf.tls_client_auth.cert_verified",
                "ssl and ssl",
                "ssl && ssl",
                "ssl or not ssl",
                "ssl || !ssl",
                "ssl xor not ssl",
                "ssl ^^ !ssl",
                "ssl xor ssl xor ssl",
                "(ssl)and(ssl)",
                "http.host==\"api.example.com\"&&ssl",
                // §13.2: xor between and/or
                "not ssl or ssl xor not ssl",
                "ssl xor ssl and not ssl",
                // §13.1 not binds looser than comparison
                "not http.host in {\"a\"}",
                "not http.request.headers[\"x\"][0] eq \"a\"",
                // arrays, maps, [*], any/all
                "http.request.headers[\"accept\"][0] eq \"*/*\"",
                "http.request.headers.names[1] eq \"X-Multi\"",
                "any(http.request.headers[\"x-multi\"][*] eq \"two\")",
                "all(http.request.headers[\"x-multi\"][*] contains \"o\")",
                "any(http.request.headers[*][*] eq \"*/*\")",
                "any(http.request.headers.names[*] eq \"Accept\")",
                "all(http.request.headers[\"absent\"][*] eq \"x\")",
                "not any(http.request.headers[\"absent\"][*] eq \"x\")",
                "any((http.request.headers.values[*] eq \"x\" or http.request.headers.values[*] eq \"two\"))",
                "any(not http.request.headers.values[*] eq \"one\")",
                "any(http.request.headers[*][1] eq \"two\")",
                "any(lower(http.request.headers.names[*])[*] eq \"accept\")",
                "concat(http.request.headers.names[*], \":\")[0] eq \"Accept:\"",
                "any(starts_with(http.request.headers.names[*], \"X-\"))",
                "any(ends_with(http.request.headers.names[*], \"ti\"))",
                "all(starts_with(http.request.headers.names[*], \"\"))",
                "all(starts_with(http.request.headers[\"absent\"][*], \"x\"))",
                "len(http.request.headers.names) eq 3",
                "len(http.request.headers[\"x-multi\"]) eq 2",
                // functions
                "lower(http.host) eq \"api.example.com\"",
                "upper(http.host) eq \"API.EXAMPLE.COM\"",
                "concat(http.host, \":\", \"443\") eq \"api.example.com:443\"",
                "starts_with(http.request.uri.path, \"/v1/\")",
                "ends_with(http.request.uri.path, \"/42\")",
                // an affix that is not a literal (encoded per call, not once)
                "starts_with(http.host, substring(http.host, 0, 3))",
                "ends_with(http.host, substring(http.host, 4))",
                "substring(http.host, 4) eq \"example.com\"",
                "substring(http.host, 0, 3) eq \"api\"",
                "substring(http.host, -3) eq \"com\"",
                "substring(http.host, 0, -4) eq \"api.example\"",
                "substring(http.host, 10, 5) eq \"\"",
                "substring(http.host, 100) eq \"\"",
                "url_decode(http.request.uri.query) eq \"a=1&b=/x%2F\"",
                "url_decode(http.request.uri.query, \"r\") eq \"a=1&b=/x/\"",
                "url_decode(\"%u00e9+x\", \"u\") eq \"\u00e9 x\"",
                "remove_bytes(http.host, \".a\") eq \"piexmplecom\"",
                "decode_base64(\"aGVsbG8=\") eq \"hello\"",
                "lookup_json_string(substring(http.cookie, 8), \"user\", \"name\") eq \"ann\"",
                "lookup_json_integer(substring(http.cookie, 8), \"user\", \"id\") eq 7",
                "lookup_json_string(substring(http.cookie, 8), \"user\", \"tags\", 1) eq \"y\"",
                "cidr(ip.src, 24, 64) eq 192.0.2.0",
                "cidr6(ip.src, 64) eq 192.0.2.7",
                "join(http.request.headers.names, \",\") eq \"Accept,X-Multi,X-Multi\"",
                "len(concat(http.request.headers.names, http.request.headers.values)) eq 6",
                // regex is byte-oriented (§13.9)
                "cf.tls_client_auth.cert_subject_dn matches \"^CN=Jos..,\"",
                "not cf.tls_client_auth.cert_subject_dn matches \"^CN=Jos.,\"",
                "cf.tls_client_auth.cert_subject_dn matches \"Jos\u00e9\"",
                "http.host matches \"(?i)^API\"",
                "not http.host matches \"^API\"",
                "http.request.uri.path matches r\"^/v\\d\"",
                // constants
                "true",
                "not false",
                "true and ssl",
            })
    void trueExpressions(String expr) {
        assertTrue(eval(expr), expr);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http.host eq \"API.example.com\"",
                "http.host wildcard \"example.com\"",
                "http.host strict wildcard \"*.EXAMPLE.com\"",
                "http.host wildcard \"api.example.co\"",
                "http.host wildcard \"?pi.example.com\"",
                "http.host in {}",
                "http.host contains \"EXAMPLE\"",
                "ip.src in {::/0}",
                "ip.src eq ::ffff:192.0.2.7",
                "ip.src in {::ffff:0:0/96}",
                "ip.src in {10.0.0.0/8}",
                "ip.src lt ::1",
                // §13.17 missing values: every comparison false, even ne
                "http.request.headers[\"absent\"][0] ne \"a\"",
                "http.request.headers[\"accept\"][5] ne \"a\"",
                "len(http.request.headers[\"absent\"]) ge 0",
                "http.request.headers.names[9] contains \"\"",
                "any(http.request.headers[\"absent\"][*] eq \"x\") and false",
                "starts_with(http.request.headers[\"absent\"][0], \"a\")",
                "starts_with(http.host, concat(http.host, \"x\"))",
                "decode_base64(\"!!\") eq \"\"",
                "decode_base64(\"!!\") ne \"\"",
                "lookup_json_string(http.cookie, \"user\") eq \"x\"",
                "lookup_json_integer(substring(http.cookie, 8), \"user\", \"name\") eq 0",
                "ssl and not ssl",
                "ssl xor ssl",
                "ssl xor ssl xor ssl xor ssl",
                "false",
                "not true",
                "any(http.request.headers[\"x-multi\"][*] eq \"three\")",
                "all(http.request.headers.names[*] eq \"Accept\")",
                "all(ends_with(http.request.headers.names[*], \"t\"))",
                "any(starts_with(http.request.headers[\"absent\"][*], \"x\"))",
                "any(starts_with(lower(http.request.headers.names[*])[*], \"X-\"))",
                "len(http.host) & 16",
                "len(http.host) in {1..14 16..20}",
            })
    void falseExpressions(String expr) {
        assertFalse(eval(expr), expr);
    }

    @Test
    void defaultMtlsRuleBlocksUnverifiedOnItsHostOnly() throws RuleSyntaxException {
        Expression rule = Expression.compile(
                "(http.host in {\"api.example.com\"} and not cf.tls_client_auth.cert_verified)", NamedLists.EMPTY);
        assertTrue(rule.matches(FieldMap.of("http.host", "api.example.com")));
        assertFalse(
                rule.matches(FieldMap.of("http.host", "api.example.com", "cf.tls_client_auth.cert_verified", true)));
        assertFalse(rule.matches(FieldMap.of("http.host", "www.example.com")));
        assertEquals(EnumSet.of(Field.HTTP_HOST, Field.CERT_VERIFIED), rule.fields());
    }

    @Test
    void precedenceWithoutParenthesesChangesTheMtlsRule() throws RuleSyntaxException {
        // §13.3: "host and not verified or revoked" also blocks revoked certificates on other hosts.
        FieldMap revokedElsewhere = FieldMap.of(
                "http.host",
                "other.example",
                "cf.tls_client_auth.cert_verified",
                true,
                "cf.tls_client_auth.cert_revoked",
                true);
        assertTrue(eval(
                "http.host in {\"api.example.com\"} and not cf.tls_client_auth.cert_verified"
                        + " or cf.tls_client_auth.cert_revoked",
                revokedElsewhere));
        assertFalse(eval(
                "http.host in {\"api.example.com\"} and (not cf.tls_client_auth.cert_verified"
                        + " or cf.tls_client_auth.cert_revoked)",
                revokedElsewhere));
    }

    @Test
    void nAryFlatteningAndPrecedenceShowInThePreview() throws RuleSyntaxException {
        String src = "ssl or ssl && ssl and ssl or ssl ^^ ssl and ssl || ssl";
        Expression e = Expression.compile(src, NamedLists.EMPTY);
        assertEquals("ssl or ssl and ssl and ssl or ssl xor ssl and ssl or ssl", e.toString());
        Logic.Nary or = (Logic.Nary) rootOf(e);
        assertEquals(Logic.Op.OR, or.op);
        assertEquals(4, or.operands.length);
        assertEquals(Logic.Op.AND, ((Logic.Nary) or.operands[1]).op);
        assertEquals(3, ((Logic.Nary) or.operands[1]).operands.length);
        assertEquals(Logic.Op.XOR, ((Logic.Nary) or.operands[2]).op);
        assertEquals(src, e.source());
    }

    @Test
    void xorPrecedenceEvaluates() {
        // a or b xor c == a or (b xor c); with a=false,b=true,c=true → false
        FieldMap v = FieldMap.of(
                "ssl", false, "cf.tls_client_auth.cert_verified", true, "cf.tls_client_auth.cert_presented", true);
        assertFalse(eval("ssl or cf.tls_client_auth.cert_verified xor cf.tls_client_auth.cert_presented", v));
        // a xor b and c == a xor (b and c); a=true,b=true,c=false → true
        assertTrue(eval("cf.tls_client_auth.cert_verified xor cf.tls_client_auth.cert_presented and ssl", v));
    }

    private static Node rootOf(Expression e) {
        try {
            java.lang.reflect.Field f = Expression.class.getDeclaredField("root");
            f.setAccessible(true);
            return (Node) f.get(e);
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void wildcardCaseFoldingIsAsciiOnly() {
        FieldMap v = FieldMap.of("http.host", "\u00c9cole.example");
        assertFalse(eval("http.host wildcard \"\u00e9cole.*\"", v));
        assertTrue(eval("http.host wildcard \"\u00c9COLE.*\"", v));
        assertTrue(eval("http.host wildcard \"*.EXAMPLE\"", v));
        assertTrue(eval("http.host wildcard \"/a\\\\*b\"", FieldMap.of("http.host", "/a*b")));
        assertFalse(eval("http.host wildcard \"/a\\\\*b\"", FieldMap.of("http.host", "/axxb")));
        assertTrue(eval("http.host wildcard \"a*b*c\"", FieldMap.of("http.host", "aXbYbZc")));
        assertFalse(eval("http.host wildcard \"a*bc*bc\"", FieldMap.of("http.host", "abc")));
    }

    @Test
    void ipFamiliesNeverMix() {
        FieldMap v6 = FieldMap.of("ip.src", "::ffff:192.0.2.7");
        assertFalse(eval("ip.src eq 192.0.2.7", v6));
        assertFalse(eval("ip.src in {0.0.0.0/0}", v6));
        assertTrue(eval("ip.src in {::/0}", v6));
        assertTrue(eval("ip.src ne 192.0.2.7", v6));
        assertTrue(eval("ip.src eq ::ffff:192.0.2.7", v6));
        assertTrue(eval("ip.src in {2001:db8::/32 ::ffff:192.0.2.0/120}", v6));
        FieldMap other = FieldMap.of("ip.src", "2001:db8::1");
        assertTrue(eval("ip.src eq 2001:0db8:0:0::1", other));
        assertTrue(eval("ip.src in {2001:db8::..2001:db8::ff}", other));
        assertTrue(eval("cidr(ip.src, 8, 32) eq 2001:db8::", other));
        assertTrue(eval("cidr6(ip.src, 16) eq 2001::", other));
    }

    @Test
    void namedListsByType() throws RuleSyntaxException {
        NamedLists lists = NamedLists.of(Map.of(
                "office", List.of("192.0.2.0/24", "2001:db8::/32", "198.51.100.1..198.51.100.9"),
                "hosts", List.of("api.example.com", "www.example.com"),
                "sizes", List.of("10..20", "42")));
        assertTrue(Expression.compile("ip.src in $office", lists).matches(REQ));
        assertFalse(Expression.compile("ip.src in $office", lists).matches(FieldMap.of("ip.src", "198.51.100.10")));
        assertTrue(Expression.compile("http.host in $hosts", lists).matches(REQ));
        assertTrue(Expression.compile("len(http.host) in $sizes", lists).matches(REQ));
        assertEquals(
                "ip.src in $office",
                Expression.compile("ip.src in $office", lists).toString());
    }

    @Test
    void nonAsciiValuesCompareAsUtf8Bytes() {
        FieldMap v = FieldMap.of("http.host", "\u00e9\uD83D\uDE00");
        assertTrue(eval("len(http.host) eq 6", v));
        assertTrue(eval("http.host eq \"\\xc3\\xa9\\xf0\\x9f\\x98\\x80\"", v));
        assertTrue(eval("substring(http.host, 0, 2) eq \"\u00e9\"", v));
        assertTrue(eval("http.host matches \"^..\\xf0\"", v));
        assertTrue(eval(
                "http.host gt \"\uFFFF\"",
                FieldMap.of("http.host", "\uD83D\uDE00"))); // U+1F600 > U+FFFF in UTF-8, not in UTF-16
        assertTrue(eval("http.host contains \"\\xa9\"", v));
        assertTrue(eval("http.host in {\"\u00e9\uD83D\uDE00\"}", v));
    }

    @Test
    void traceShowsEachSubExpression() throws RuleSyntaxException {
        Expression e = Expression.compile("(http.host in {\"api.example.com\"} and not ssl)", NamedLists.EMPTY);
        Trace t = e.trace(REQ);
        assertFalse(t.result());
        assertEquals(
                "(http.host in {\"api.example.com\"} and not ssl)",
                t.steps().get(0).expression());
        assertEquals("true", t.steps().get(2).value());
        assertEquals("http.host in {\"api.example.com\"}", t.steps().get(2).expression());
        assertEquals("false", t.steps().get(3).value());
        assertEquals("true", t.steps().get(4).value());
    }

    @Test
    void nullValuesAreMissing() throws RuleSyntaxException {
        FieldValues nulls = new FieldMap() {
            @Override
            public String bytes(Field field) {
                return null;
            }

            @Override
            public IpAddress ip(Field field) {
                return null;
            }

            @Override
            public List<String> array(Field field) {
                return null;
            }

            @Override
            public Map<String, List<String>> map(Field field) {
                return null;
            }
        };
        for (String s : new String[] {
            "http.host ne \"a\"",
            "ip.src ne 1.2.3.4",
            "lower(http.host) ne \"a\"",
            "any(http.request.headers.names[*] eq \"a\")",
            "http.request.headers[\"a\"][0] ne \"\"",
            "len(http.request.headers.names) ne 1"
        }) {
            assertFalse(Expression.compile(s, NamedLists.EMPTY).matches(nulls), s);
        }
        assertTrue(Expression.compile("all(http.request.headers[*][*] eq \"a\")", NamedLists.EMPTY)
                .matches(nulls));
    }
}
