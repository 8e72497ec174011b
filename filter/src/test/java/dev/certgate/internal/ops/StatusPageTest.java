package dev.certgate.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.json.JsonReader;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status page: off by default, its own access rule (403 for others), its content, reload and the test form. */
class StatusPageTest {
    private static final TestCa PARTNERS = TestCa.root("CN=status partners CA");
    private static final TestCa STRANGERS = TestCa.root("CN=status strangers CA");
    private static final TestIdentity OPS = PARTNERS.leaf("CN=ops").issue();
    private static final TestIdentity PARTNER = PARTNERS.leaf("CN=partner").issue();
    private static final TestIdentity STRANGER = STRANGERS.leaf("CN=stranger").issue();

    @TempDir
    Path dir;

    private OpsServer server;

    private OpsServer start(Map<String, String> extra) throws Exception {
        Map<String, String> params = OpsServer.apiGroup(PARTNERS.writePem(dir.resolve("partners.pem")), """
                certgate.host.api.rules = no-admin
                certgate.host.api.rule.no-admin.expression = http.request.uri.path eq "/app/admin"
                certgate.host.api.rule.no-admin.action = block
                certgate.jmx.enabled = false
                """);
        params.putAll(extra);
        server = new OpsServer(params);
        server.chains.put("ops", OPS.chainWithoutRoot());
        server.chains.put("partner", PARTNER.chainWithoutRoot());
        server.chains.put("stranger", STRANGER.chainWithoutRoot());
        return server;
    }

    private static Map<String, String> enabled() {
        return Map.of(
                "certgate.status.enabled",
                "true",
                "certgate.status.rule",
                "cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_subject_dn eq \"CN=ops\"");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void offByDefault() throws Exception {
        start(Map.of());
        HttpResponse<String> r = server.get("api.test", "ops", "/certgate/status");
        assertEquals(200, r.statusCode());
        assertEquals("app", r.body(), "the application answers: certgate serves nothing there");
    }

    @Test
    void enabledWithoutARuleIsRefusedNamingTheProperty() {
        dev.certgate.internal.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.certgate.internal.config.ConfigException.class,
                () -> OpsSettings.read(
                        new dev.certgate.internal.config.MapSource(Map.of("certgate.status.enabled", "true"), "test")));
        assertEquals("certgate.status.rule", e.property());
        dev.certgate.internal.config.ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(
                dev.certgate.internal.config.ConfigException.class,
                () -> OpsSettings.read(new dev.certgate.internal.config.MapSource(
                        Map.of("certgate.status.enabled", "true", "certgate.status.rule", "ip.src in"), "test")));
        assertEquals("certgate.status.rule", bad.property());
        assertTrue(bad.getMessage().contains("^"), bad.getMessage());
    }

    @Test
    void onlyTheStatusRulesClientsSeeIt() throws Exception {
        start(enabled());
        assertEquals(403, server.status("api.test", "partner", "/certgate/status"), "verified, but not CN=ops");
        assertEquals(403, server.status("api.test", "partner", "/certgate/status.json"));
        assertEquals(403, server.status("api.test", "stranger", "/certgate/status"), "the host's mTLS rule first");
        assertEquals(403, server.status("api.test", "", "/certgate/status"));
        assertEquals(200, server.status("api.test", "ops", "/certgate/status"));
        assertEquals(200, server.status("api.test", "partner", "/x"), "the rest of the application is unchanged");
    }

    @Test
    void showsPolicyGroupsRulesAndRecentBlocks() throws Exception {
        start(enabled());
        assertEquals(403, server.status("api.test", "stranger", "/x"));
        assertEquals(403, server.status("api.test", "partner", "/admin"));

        HttpResponse<String> page = server.get("api.test", "ops", "/certgate/status");

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(
                page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        String html = page.body();
        assertTrue(html.contains("<span id=\"policy-version\">1</span>"), html);
        assertTrue(html.contains("api.test") && html.contains("CN=status partners CA"), "group, names, anchors");
        assertTrue(html.contains("data-group=\"api\" data-rule=\"no-admin\"") && html.contains("/app/admin"));
        assertTrue(
                Pattern.compile("data-rule=\"no-admin\">.*?<td class=\"matches\">1</td>")
                        .matcher(html)
                        .find(),
                "the rule's match count");
        assertTrue(html.contains("CN=stranger"), "the recent blocks");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external resource");

        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(
                server.get("api.test", "ops", "/certgate/status.json").body());
        assertEquals(1L, ((Number) ((Map<?, ?>) json.get("policy")).get("version")).longValue());
        List<?> groups = (List<?>) json.get("groups");
        Map<?, ?> api = (Map<?, ?>) groups.get(0);
        assertEquals("api", api.get("id"));
        assertEquals(List.of("api.test"), api.get("names"));
        Map<?, ?> anchor = (Map<?, ?>) ((List<?>) api.get("anchors")).get(0);
        assertEquals("CN=status partners CA", anchor.get("subject"));
        assertTrue(((Number) anchor.get("days_left")).longValue() > 3000);
        Map<?, ?> rule = (Map<?, ?>) ((List<?>) api.get("rules")).get(1);
        assertEquals("no-admin", rule.get("id"));
        assertEquals(1L, ((Number) rule.get("matches")).longValue());
        List<?> recent = (List<?>) json.get("recent_events");
        assertEquals(2, recent.size());
        assertEquals("no-admin", ((Map<?, ?>) recent.get(0)).get("rule"), "newest first");
        assertEquals(Map.of(), json.get("forwarded_certificates"), "no forwarding configured");
        assertFalse(html.contains("forwarded-certificates"));
    }

    @Test
    void showsTheForwardedCertificateCounts() throws Exception {
        Map<String, String> params = new java.util.HashMap<>(enabled());
        params.put("certgate.host.api.trusted-proxies", "192.0.2.10");
        params.put("certgate.host.api.forwarded-cert.format", "rfc9440");
        start(params);
        assertEquals(200, server.statusWithForgedCertificateHeader("api.test", "partner", "/x"));

        String html = server.get("api.test", "ops", "/certgate/status").body();
        assertTrue(
                html.contains("<span id=\"forwarded-certificates\">0 accepted, 0 absent, 0 malformed, 0 oversized,"
                        + " 1 untrusted hidden, 0 untrusted refused</span>"),
                html);
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(
                server.get("api.test", "ops", "/certgate/status.json").body());
        Map<?, ?> forwarded = (Map<?, ?>) json.get("forwarded_certificates");
        assertEquals(1L, ((Number) forwarded.get("untrusted_hidden")).longValue());
        assertEquals(0L, ((Number) forwarded.get("accepted")).longValue());
    }

    @Test
    void reloadNeedsThePagesTokenAndShowsErrors() throws Exception {
        start(enabled());
        String html = server.get("api.test", "ops", "/certgate/status").body();
        String token = token(html);
        assertEquals(
                403,
                post("ops", "/certgate/status/reload", Map.of("token", "guess")).statusCode());
        assertEquals(
                403,
                post("partner", "/certgate/status/reload", Map.of("token", token))
                        .statusCode());
        assertEquals(1, server.ops().holder().loaded().version());

        HttpResponse<String> r = post("ops", "/certgate/status/reload", Map.of("token", token));

        assertEquals(303, r.statusCode());
        assertEquals(
                "/app/certgate/status?reloaded=reloaded",
                r.headers().firstValue("Location").orElseThrow());
        assertEquals(2, server.ops().holder().loaded().version());

        System.setProperty("certgate.host.api.rule.no-admin.expression", "http.request.uri.path eq");
        try {
            Map<?, ?> refused =
                    (Map<?, ?>) JsonReader.parse(post("ops", "/certgate/status/reload.json", Map.of("token", token))
                            .body());
            assertEquals("failed", refused.get("outcome"));
            assertEquals("certgate.host.api.rule.no-admin.expression", refused.get("property"));
        } finally {
            System.clearProperty("certgate.host.api.rule.no-admin.expression");
        }
        String after = server.get("api.test", "ops", "/certgate/status").body();
        assertTrue(after.contains("<code>certgate.host.api.rule.no-admin.expression</code>"), "the refusal is shown");
        assertTrue(after.contains("<span id=\"policy-version\">2</span>"), "the running policy stayed");
    }

    @Test
    void theTestFormRunsThePolicyOnAPastedChain() throws Exception {
        start(enabled());
        String token = token(server.get("api.test", "ops", "/certgate/status").body());
        long requestsBefore = (long)
                server.ops().metrics().value("certgate_requests_total", Map.of("group", "api", "outcome", "blocked"));

        Map<?, ?> stranger = testJson(token, STRANGER, "/app/x");
        assertEquals("blocked", stranger.get("decision"));
        assertEquals("mtls", stranger.get("rule"));
        assertEquals(false, stranger.get("verified"));
        assertEquals("CN=stranger", ((Map<?, ?>) stranger.get("fields")).get("cf.tls_client_auth.cert_subject_dn"));

        Map<?, ?> partnerAdmin = testJson(token, PARTNER, "/app/admin");
        assertEquals("blocked", partnerAdmin.get("decision"));
        assertEquals("no-admin", partnerAdmin.get("rule"));
        assertEquals(true, partnerAdmin.get("verified"));

        HttpResponse<String> html = post("ops", "/certgate/status/test", testForm(token, PARTNER, "/app/x"));
        assertEquals(200, html.statusCode());
        assertTrue(html.body().contains("<strong id=\"test-decision\" class=\"ok\">passed</strong>"), html.body());

        HttpResponse<String> garbage = post("ops", "/certgate/status/test", Map.of("token", token, "pem", "hello"));
        assertTrue(garbage.body().contains("id=\"test-error\""));
        assertEquals(
                requestsBefore,
                (long) server.ops()
                        .metrics()
                        .value("certgate_requests_total", Map.of("group", "api", "outcome", "blocked")),
                "tests are not counted as requests");
    }

    /** The status page's test form: token, the client's chain as PEM, host api.test and path. */
    private static Map<String, String> testForm(String token, TestIdentity client, String path) throws Exception {
        return Map.of(
                "token",
                token,
                "pem",
                TestIdentity.pem((Object[]) client.chainWithoutRoot()),
                "host",
                "api.test",
                "path",
                path);
    }

    /** The status page's test answer (JSON) for client on path. */
    private Map<?, ?> testJson(String token, TestIdentity client, String path) throws Exception {
        return (Map<?, ?>) JsonReader.parse(post("ops", "/certgate/status/test.json", testForm(token, client, path))
                .body());
    }

    private static String token(String html) {
        Matcher m = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"").matcher(html);
        assertTrue(m.find(), "the page carries its token");
        return m.group(1);
    }

    private HttpResponse<String> post(String client, String path, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/app" + path))
                .header("X-Test-Client", client)
                .header("Host-Override", "api.test")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }
}
