package dev.certgate.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.json.JsonReader;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision events: one JSON line per admitted block / would-block / log match, rate-limited, summarised. */
class DecisionEventsTest {
    private static final TestCa PARTNERS = TestCa.root("CN=events partners CA");
    private static final TestCa STRANGERS = TestCa.root("CN=events strangers CA");
    private static final TestIdentity STRANGER =
            STRANGERS.leaf("CN=stranger,O=Elsewhere").issue();
    private static final TestIdentity PARTNER = PARTNERS.leaf("CN=partner").issue();

    @TempDir
    Path dir;

    private OpsServer server;
    private final LogCapture events = new LogCapture(DecisionEvents.LOGGER_NAME);

    private OpsServer start(Map<String, String> extra) throws Exception {
        Map<String, String> params =
                OpsServer.apiGroup(PARTNERS.writePem(dir.resolve("partners.pem")), "certgate.jmx.enabled = false");
        params.putAll(extra);
        RecordingSink.EVENTS.clear();
        RecordingSink.SUMMARIES.clear();
        server = new OpsServer(params);
        server.chains.put("stranger", STRANGER.chainWithoutRoot());
        server.chains.put("partner", PARTNER.chainWithoutRoot());
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        events.close();
        if (server != null) {
            server.close();
        }
    }

    private List<Map<?, ?>> jsonLines(String event) {
        return events.messages().stream()
                .<Map<?, ?>>map(m -> (Map<?, ?>) JsonReader.parse(m))
                .filter(m -> event.equals(m.get("event")))
                .toList();
    }

    @Test
    void aBlockIsOneJsonLineWithTheIssuesFields() throws Exception {
        start(Map.of());
        assertEquals(403, server.status("api.test", "stranger", "/x/y?secret=1"));

        List<Map<?, ?>> lines = jsonLines("block");
        assertEquals(1, lines.size(), events.messages().toString());
        Map<?, ?> e = lines.get(0);
        assertTrue(isInstant(e.get("time")), "ISO time: " + e.get("time"));
        assertEquals("api.test", e.get("host"));
        assertEquals("api", e.get("group"));
        assertEquals("mtls", e.get("rule"));
        assertEquals("block", e.get("action"));
        assertEquals("unverified", e.get("reason"));
        assertEquals("/app/x/y", e.get("path"), "the path, never the query");
        assertEquals("127.0.0.1", e.get("client"));
        assertEquals(STRANGER.certificate().getSubjectX500Principal().getName(), e.get("subject"), "RFC 2253");
        assertEquals("O=Elsewhere,CN=stranger", e.get("subject"));
        assertEquals("CN=events strangers CA", e.get("issuer"));
        String hex = STRANGER.certificate().getSerialNumber().toString(16).toUpperCase();
        assertEquals(hex.length() % 2 == 0 ? hex : "0" + hex, e.get("serial"));
        assertEquals(
                HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(STRANGER.certificate().getEncoded())),
                e.get("sha256"));
        assertFalse(((String) e.get("verify_error")).isEmpty(), "why it did not verify");
        assertEquals("unchecked", e.get("revocation_status"));
        assertEquals("", e.get("revocation_source"));
        assertEquals(Level.INFO, events.records.get(0).getLevel());

        assertEquals(1, RecordingSink.EVENTS.size(), "the sink gets the same event");
        assertEquals("O=Elsewhere,CN=stranger", RecordingSink.EVENTS.get(0).subject());
        assertEquals(1, server.ops().events().recent().size());
    }

    private static boolean isInstant(Object text) {
        return java.time.Instant.parse((String) text) != null;
    }

    @Test
    void aFloodFromOneClientWritesTheFirstFewAndASummary() throws Exception {
        start(Map.of("certgate.events.per-client", "3"));
        for (int i = 0; i < 20; i++) {
            assertEquals(403, server.status("api.test", "", "/x"));
        }
        assertEquals(3, jsonLines("block").size());
        assertEquals(3, server.ops().events().written());
        assertEquals(17, server.ops().events().suppressed());

        server.ops().events().summarize();

        List<Map<?, ?>> summaries = jsonLines("summary");
        assertEquals(1, summaries.size(), events.messages().toString());
        Map<?, ?> s = summaries.get(0);
        assertEquals("mtls", s.get("rule"));
        assertEquals("api", s.get("group"));
        assertEquals(20L, ((Number) s.get("matches")).longValue());
        assertEquals(17L, ((Number) s.get("suppressed")).longValue());
        assertEquals(20L, ((Number) ((Map<?, ?>) s.get("reasons")).get("no_certificate")).longValue());
        assertEquals(1, RecordingSink.SUMMARIES.size());

        server.ops().events().summarize();
        assertEquals(1, jsonLines("summary").size(), "a quiet rule gets no summary");
        assertEquals(
                20,
                server.ops().metrics().value("certgate_requests_total", Map.of("group", "api", "outcome", "blocked")),
                "every block is counted");
    }

    @Test
    void manyClientsAreBoundedByTheRulesBudget() throws Exception {
        start(Map.of("certgate.events.per-client", "5", "certgate.events.per-rule", "4"));
        for (int i = 1; i <= 10; i++) {
            assertEquals(403, server.statusFrom("198.51.100." + i, "api.test", "", "/x"));
        }
        List<Map<?, ?>> lines = jsonLines("block");
        assertEquals(4, lines.size());
        assertEquals("198.51.100.1", lines.get(0).get("client"));
        assertEquals(6, server.ops().events().suppressed());
    }

    @Test
    void oncePastTheRulesBudgetABlockIsOnlyCounted() throws Exception {
        start(Map.of("certgate.events.per-client", "5", "certgate.events.per-rule", "4"));
        OpsServer.ChainFromHeader.ADDRESS_READS.set(0);
        for (int i = 0; i < 10; i++) {
            assertEquals(403, server.statusFrom("198.51.100.7", "api.test", "", "/x"));
        }
        assertEquals(4, jsonLines("block").size());
        assertEquals(6, server.ops().events().suppressed());
        // The rule reads no ip.src: only the written events needed the client's address.
        assertEquals(4, OpsServer.ChainFromHeader.ADDRESS_READS.get());
        server.ops().events().summarize();
        Map<?, ?> s = jsonLines("summary").get(0);
        assertEquals(10L, ((Number) s.get("matches")).longValue());
        assertEquals(6L, ((Number) s.get("suppressed")).longValue());
    }

    @Test
    void wouldBlocksAndLogMatchesAreEventsToo() throws Exception {
        start(Map.of(
                "certgate.mode",
                "report-only",
                "certgate.host.api.rules",
                "note",
                "certgate.host.api.rule.note.expression",
                "http.request.uri.path eq \"/app/note\"",
                "certgate.host.api.rule.note.action",
                "log"));
        assertEquals(200, server.status("api.test", "", "/note"));

        List<Map<?, ?>> wouldBlock = jsonLines("would_block");
        List<Map<?, ?>> logged = jsonLines("log");
        assertEquals(1, wouldBlock.size(), events.messages().toString());
        assertEquals("mtls", wouldBlock.get(0).get("rule"));
        assertEquals("no_certificate", wouldBlock.get(0).get("reason"));
        assertEquals(1, logged.size());
        assertEquals("note", logged.get(0).get("rule"));
        assertEquals("log", logged.get(0).get("action"));
        assertEquals(
                Level.WARNING,
                events.records.stream()
                        .filter(r -> r.getMessage().contains("would_block"))
                        .findFirst()
                        .orElseThrow()
                        .getLevel());
    }

    @Test
    void aReportOnlyFloodOfUntrustedForwardedCertificatesWritesABoundedNumberOfLines() throws Exception {
        start(Map.of(
                "certgate.mode", "report-only",
                "certgate.events.per-client", "3",
                "certgate.host.api.trusted-proxies", "192.0.2.10",
                "certgate.host.api.forwarded-cert.format", "rfc9440",
                "certgate.host.api.forwarded-cert.from-untrusted", "block"));
        try (LogCapture gate = new LogCapture("dev.certgate")) {
            for (int i = 0; i < 40; i++) {
                assertEquals(
                        200,
                        server.statusWithForgedCertificateHeader("api.test", "partner", "/x"),
                        "report-only refuses nothing");
            }
            List<Map<?, ?>> lines = jsonLines("would_block");
            assertEquals(3, lines.size(), events.messages().toString());
            assertEquals(
                    "certgate:untrusted-forwarded-certificate", lines.get(0).get("rule"));
            assertEquals("127.0.0.1", lines.get(0).get("client"));
            assertEquals(37, server.ops().events().suppressed());
            // The forwarding's own notice: the 1st, 2nd, 4th, 8th, 16th and 32nd of 40.
            assertEquals(
                    6,
                    gate.messages().stream()
                            .filter(m -> m.contains("not a trusted proxy"))
                            .count(),
                    gate.messages().toString());
        }
        server.ops().events().summarize();
        Map<?, ?> summary = jsonLines("summary").get(0);
        assertEquals("certgate:untrusted-forwarded-certificate", summary.get("rule"));
        assertEquals(40L, ((Number) summary.get("matches")).longValue());
        assertEquals(
                40,
                server.ops()
                        .metrics()
                        .value("certgate_forwarded_certificates_total", Map.of("outcome", "untrusted_refused")));
        assertEquals(
                Map.of(
                        "accepted",
                        0L,
                        "absent",
                        0L,
                        "malformed",
                        0L,
                        "oversized",
                        0L,
                        "untrusted_hidden",
                        0L,
                        "untrusted_refused",
                        40L),
                server.ops().metrics().forwardedCertificates());
    }

    @Test
    void allowedRequestsWriteNothing() throws Exception {
        start(Map.of());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, server.status("api.test", "partner", "/x"));
        }
        assertEquals(List.of(), events.messages());
        assertEquals(0, server.ops().events().written() + server.ops().events().suppressed());
    }
}
