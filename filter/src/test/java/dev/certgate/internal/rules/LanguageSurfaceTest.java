package dev.certgate.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 14's grammar fixes and the functions Cloudflare documents, each against a request. */
class LanguageSurfaceTest {
    static final FieldMap REQ = FieldMap.of(
            "http.host",
            "API.example.com",
            "http.request.uri.path",
            "/download/cat.jpg",
            "http.request.uri.query",
            "b=2&utm_source=x&a=1",
            "http.request.uri.args",
            Map.of("a", List.of("1"), "b", List.of("2")),
            "http.request.headers",
            Map.of("x-categories", List.of("groceries,electronics,diy,auto"), "x-empty", List.of("")),
            "http.request.headers.names",
            List.of("X-Categories", "X-Empty"),
            "http.request.headers.values",
            List.of("groceries,electronics,diy,auto", ""),
            "http.request.cookies",
            Map.of("app", List.of("test")),
            "http.request.timestamp.sec",
            1_700_000_000L,
            "ssl",
            true,
            "ip.src",
            "192.0.2.7",
            "cf.edge.server_port",
            8443L,
            "cf.tls_client_auth.cert_subject_dn",
            "CN=\ud55c\uad6d\uc5b4,O=Access");

    static boolean eval(String expr) {
        return ExpressionTest.eval(expr, REQ);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // white space between a function and its parenthesis
                "lower ( http.host ) == \"api.example.com\"",
                "any (http.request.headers.names[*] == \"X-Empty\")",
                "starts_with\n(http.request.uri.path, \"/download\")",
                // a whole logical expression inside any() / all()
                "any(not http.request.headers.names[*] == \"X-Empty\" or http.request.headers.names[*] == \"y\")",
                "any(http.request.headers.names[*] eq \"a\" or http.request.headers.names[*] eq \"X-Empty\")",
                "all(http.request.headers.names[*] ne \"a\" and len(http.request.headers.names[*])[*] gt 3)",
                "not all(http.request.headers.names[*] eq \"X-Empty\" and http.request.headers.names[*] eq \"X-Empty\")",
                // inline regex flags: (?u) for the whole pattern is Unicode mode
                "cf.tls_client_auth.cert_subject_dn matches \"(?u)^CN=\\p{Hangul}+,\"",
                "cf.tls_client_auth.cert_subject_dn matches \"(?u)^CN=...,O\"",
                "not cf.tls_client_auth.cert_subject_dn matches \"^CN=...,O\"",
                "cf.tls_client_auth.cert_subject_dn matches \"(?iu)o=access$\"",
                "http.host matches \"(?-u)^API\"",
                "http.host matches \"(?i:api)\\.example\"",
                // has_key / has_value
                "has_key(http.request.headers, \"x-categories\")",
                "not has_key(http.request.headers, \"X-Categories\")",
                "has_value(http.request.cookies, \"test\")",
                "has_value(http.request.headers.names, \"X-Empty\")",
                "not has_value(http.request.headers.names, \"x-empty\")",
                "has_value(split(http.request.headers[\"x-categories\"][0], \",\"), \"diy\")",
                // split, all forms
                "split(http.request.headers[\"x-categories\"][0], \",\", 3)[2] == \"diy,auto\"",
                "len(split(http.request.headers[\"x-categories\"][0], \",\", 64)) == 4",
                "len(split(http.request.headers[\"x-categories\"][0], \",\")) == 4",
                "split(http.request.headers[\"x-empty\"][0], \",\")[0] == \"\"",
                "split(\"a,,b\", \",\")[1] == \"\" and split(\"a,,b\", \",\")[2] == \"b\"",
                // join, with a literal or a computed separator; the inverse of split
                "join(http.request.headers.names, \",\") == \"X-Categories,X-Empty\"",
                "join(split(http.request.headers[\"x-categories\"][0], \",\"), \";\") == \"groceries;electronics;diy;auto\"",
                "join(http.request.headers.names, http.request.headers[\"x-empty\"][0]) == \"X-CategoriesX-Empty\"",
                "join(http.request.headers[\"absent\"], \",\") == \"\" or true",
                // encode_base64 with its flags
                "encode_base64(\"hello world\") == \"aGVsbG8gd29ybGQ\"",
                "encode_base64(\"hello world\", \"p\") == \"aGVsbG8gd29ybGQ=\"",
                "encode_base64(\"\\xfb\\xff\", \"u\") == \"-_8\"",
                "encode_base64(\"\\xfb\\xff\") == \"+/8\"",
                "encode_base64(\"\\xfb\\xff\", \"up\") == \"-_8=\"",
                // sha256 (Bytes) and its usual pairing; the digest as `openssl dgst -sha256 -binary | base64` prints it
                "encode_base64(sha256(\"my-token\"), \"p\") == \"" + "/s5Q0ih/ckWupYGbdfle6L7ClaFPjvHnox8X8drp30Q="
                        + "\"",
                "len(sha256(http.host)) == 32",
                // coalesce: the first value that is not missing
                "coalesce(http.request.uri.args[\"expected_path\"][0], \"/\") == \"/\"",
                "coalesce(http.request.uri.args[\"a\"][0], \"/\") == \"1\"",
                "coalesce(http.request.headers[\"x\"][0], http.request.headers[\"y\"][0], \"z\") == \"z\"",
                // to_string
                "to_string(ssl) == \"true\" and to_string(cf.edge.server_port) == \"8443\" and to_string(ip.src) == \"192.0.2.7\"",
                // regex_replace, wildcard_replace, remove_query_args (rewrite functions, meaningful in a filter)
                "regex_replace(http.request.uri.path, \"^/download/(.*)\\\\.jpg$\", \"/img/${1}.png\") == \"/img/cat.png\"",
                "regex_replace(\"/a/a\", \"/a\", \"/b\") == \"/b/a\"",
                "regex_replace(http.request.uri.path, \"^/x\", \"/y\") == \"/download/cat.jpg\"",
                "regex_replace(\"/b\", \"^/b$\", \"/b$$\") == \"/b$\"",
                "wildcard_replace(http.request.uri.path, \"/DOWNLOAD/*.jpg\", \"/${1}\") == \"/cat\"",
                "wildcard_replace(http.request.uri.path, \"/DOWNLOAD/*\", \"/${1}\", \"s\") == \"/download/cat.jpg\"",
                "wildcard_replace(http.request.uri.path, \"/*/*\", \"${2}:${1}\") == \"cat.jpg:download\"",
                "remove_query_args(http.request.uri.query, \"utm_source\") == \"b=2&a=1\"",
                "remove_query_args(http.request.uri.query, \"a\", \"b\") == \"utm_source=x\"",
                // fields new to certgate
                "any(http.request.cookies[\"app\"][*] == \"test\")",
                "http.request.timestamp.sec == 1700000000",
            })
    void accepted(String expr) {
        assertTrue(eval(expr), expr);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "uuidv4(http.host) == \"x\"",
                "uuidv4 (http.host) == \"x\"",
                "bit_slice(\"udp\", 0, 8) == 1",
            })
    void meaninglessFunctionsAreRefusedWithAReason(String expr) {
        RuleSyntaxException e = SyntaxErrorTest.fail(expr);
        assertTrue(e.getMessage().contains("is not supported: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ip.src.country eq \"GB\"",
                "ip.geoip.asnum eq 13335",
                "cf.bot_management.score lt 30",
                "cf.client.bot",
                "cf.bot_management.ja4 eq \"x\"",
                "cf.tls_client_hello_length gt 0",
                "cf.tls_client_extensions_sha1_le eq \"\"",
                "cf.waf.score lt 20",
                "http.response.code eq 403",
                "cf.ray_id eq \"x\"",
                "cf.threat_score gt 0",
                "any(http.request.jwt.claims.sub.values[*] eq \"x\")",
            })
    void cloudflareOnlyFieldsAreRefusedAsSuch(String expr) {
        RuleSyntaxException e = SyntaxErrorTest.fail(expr);
        assertTrue(e.getMessage().contains("is a Cloudflare-only field"), e.getMessage());
        assertTrue(e.column() == 1 || e.getMessage().contains(expr.substring(0, 3)), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "split(http.host, \"\") [0] == \"a\"",
                "split(http.host, \",\", 0)[0] == \"a\"",
                "split(http.host, \",\", 129)[0] == \"a\"",
                "split(http.host, http.host)[0] == \"a\"",
                "has_key(http.request.headers.names, \"a\")",
                "has_value(http.host, \"a\")",
                "has_value(http.request.headers.names, 1)",
                "encode_base64(http.host, \"x\") == \"\"",
                "coalesce(ssl, ssl)",
                "coalesce(http.host, 1) == \"a\"",
                "to_string(http.host) == \"a\"",
                "regex_replace(http.host, \"(\", \"\") == \"\"",
                "regex_replace(http.host, \"(a)\", \"${2}\") == \"\"",
                "regex_replace(http.host, \"a\", \"$x\") == \"\"",
                "wildcard_replace(http.host, \"a**\", \"\") == \"\"",
                "wildcard_replace(http.host, \"*\", \"${2}\") == \"\"",
                "is_timed_hmac_valid_v0(http.host, http.request.uri, 10, http.request.timestamp.sec)",
                "is_timed_hmac_valid_v0(\"k\", http.request.uri, -1, http.request.timestamp.sec)",
                "is_timed_hmac_valid_v0(\"k\", http.request.uri, 10, http.request.timestamp.sec, 8, \"x\")",
                "any(http.request.headers.names[*] == \"a\" or ssl)",
                "any(http.request.headers.names)",
            })
    void badUsesOfTheNewFunctionsAreStartUpErrors(String expr) {
        RuleSyntaxException e = SyntaxErrorTest.fail(expr);
        assertFalse(e.getMessage().contains("internal error"), e.getMessage());
    }

    // ---- is_timed_hmac_valid_v0 -----------------------------------------------------------------

    private static final String KEY = "mysecretkey";

    private static String mac(String message, long timestamp, boolean urlSafe) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] m = mac.doFinal((message + timestamp).getBytes(StandardCharsets.UTF_8));
        if (urlSafe) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(m);
        }
        return Base64.getEncoder()
                .encodeToString(m)
                .replace("+", "%2B")
                .replace("/", "%2F")
                .replace("=", "%3D");
    }

    private static boolean hmacValid(String uri, long now, String extra) {
        FieldMap v = FieldMap.of("http.request.uri", uri, "http.request.timestamp.sec", now);
        return ExpressionTest.eval(
                "is_timed_hmac_valid_v0(\"" + KEY + "\", http.request.uri, 10800," + " http.request.timestamp.sec, 8"
                        + extra + ")",
                v);
    }

    @Test
    void signedUrlsAreValidWithinTheirTtlOnly() throws Exception {
        long issued = 1_484_063_787L;
        String uri = "/download/cat.jpg?verify=" + issued + "-" + mac("/download/cat.jpg", issued, false);
        assertTrue(hmacValid(uri, issued, ""));
        assertTrue(hmacValid(uri, issued + 10800, ""));
        assertFalse(hmacValid(uri, issued + 10801, ""), "expired");
        assertFalse(hmacValid(uri, issued - 1, ""), "issued in the future");
        assertFalse(hmacValid(uri.replace("cat", "dog"), issued, ""), "another message");
        assertFalse(hmacValid(uri.replace("?verify=1", "?verify=2"), issued + 100_000_000L, ""), "another timestamp");
        assertFalse(hmacValid("/download/cat.jpg?verify=" + issued + "-AAAA", issued, ""), "a mac of the wrong size");
        assertFalse(hmacValid("x", issued, ""));
    }

    @Test
    void theSFlagExpectsUrlSafeBase64WithoutPadding() throws Exception {
        long issued = 1_700_000_000L;
        String safe = mac("/a", issued, true);
        assertEquals(43, safe.length());
        assertTrue(hmacValid("/a?verify=" + issued + "-" + safe, issued + 5, ", \"s\""));
        assertFalse(hmacValid("/a?verify=" + issued + "-" + mac("/a", issued, false), issued + 5, ", \"s\""));
    }

    @Test
    void theMacCanBeConcatenatedFromSeveralFields() throws Exception {
        long issued = 1_700_000_000L;
        FieldMap v = FieldMap.of(
                "http.request.uri",
                "/api/x",
                "http.request.timestamp.sec",
                issued + 1,
                "http.request.headers",
                Map.of("timestamp", List.of(Long.toString(issued)), "mac", List.of(mac("/api/x", issued, false))));
        assertTrue(ExpressionTest.eval(
                "is_timed_hmac_valid_v0(\"" + KEY + "\", concat(http.request.uri,"
                        + " http.request.headers[\"timestamp\"][0], \"-\", http.request.headers[\"mac\"][0]), 100000,"
                        + " http.request.timestamp.sec, 0)",
                v));
    }
}
