package dev.certgate.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expiry warnings at start-up and reload, with certificates made to expire. */
class ExpiryWarningTest {
    @TempDir
    Path dir;

    @Test
    void anchorsWithinTheWindowAndExpiredOnesAreWarnedAbout() throws Exception {
        Instant now = Instant.now();
        TestCa soon = TestCa.root("CN=expires soon CA", now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10)));
        TestCa gone = TestCa.root("CN=expired CA", now.minus(Duration.ofDays(300)), now.minus(Duration.ofDays(2)));
        TestCa fine = TestCa.root("CN=long-lived CA");
        Path soonPem = dir.resolve("soon.pem");
        Path gonePem = dir.resolve("gone.pem");
        Path finePem = dir.resolve("fine.pem");
        Files.writeString(soonPem, TestIdentity.pem(soon.certificate()));
        Files.writeString(gonePem, TestIdentity.pem(gone.certificate()));
        Files.writeString(finePem, TestIdentity.pem(fine.certificate()));
        Path responderPem = dir.resolve("responder.pem");
        Files.writeString(
                responderPem,
                TestIdentity.pem(soon.leaf("CN=partners OCSP responder")
                        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5)))
                        .issue()
                        .certificate()));

        Map<String, String> params = new java.util.HashMap<>(Map.of(
                "certgate.host.partners.revocation.checkers",
                "ocsp",
                "certgate.host.partners.revocation.ocsp.trusted-responders",
                "file:" + responderPem));
        params.putAll(Map.of(
                "certgate.hosts", "partners,legacy,staff",
                "certgate.host.partners.names", "partners.test",
                "certgate.host.partners.trust", soonPem.toString(),
                "certgate.host.legacy.names", "legacy.test",
                "certgate.host.legacy.trust", gonePem.toString(),
                "certgate.host.staff.names", "staff.test",
                "certgate.host.staff.trust", finePem.toString(),
                "certgate.expiry.count-clients", "true",
                "certgate.reload.interval", "off",
                "certgate.jmx.enabled", "false"));
        try (LogCapture log = new LogCapture("dev.certgate");
                OpsServer server = new OpsServer(params)) {
            List<String> warnings = log.records.stream()
                    .filter(r -> r.getLevel() == Level.WARNING)
                    .map(LogRecord::getMessage)
                    .toList();
            assertTrue(
                    warnings.stream()
                            .anyMatch(w -> w.contains("CN=expires soon CA")
                                    && w.contains("'partners'")
                                    && w.contains("in 9 day(s)")
                                    && w.contains("[start-up]")),
                    warnings.toString());
            assertTrue(
                    warnings.stream().anyMatch(w -> w.contains("CN=expired CA") && w.contains("HAS EXPIRED")),
                    warnings.toString());
            assertTrue(warnings.stream().noneMatch(w -> w.contains("long-lived")), warnings.toString());
            assertTrue(
                    warnings.stream()
                            .anyMatch(w -> w.contains("revocation signer CN=partners OCSP responder")
                                    && w.contains("in 4 day(s)")),
                    "a configured OCSP responder certificate: " + warnings);

            GateMetrics metrics = server.ops().metrics();
            assertEquals(-3, metrics.value("certgate_anchor_expiry_days", Map.of()), "the first to expire has");
            assertEquals(
                    2,
                    metrics.value("certgate_anchors_expiring", Map.of("group", "partners")),
                    "its anchor and its OCSP responder");
            assertEquals(1, metrics.value("certgate_anchors_expiring", Map.of("group", "legacy")));
            assertEquals(0, metrics.value("certgate_anchors_expiring", Map.of("group", "staff")));

            // Clients: one whose certificate lapses in five days, one that is fine.
            server.chains.put(
                    "lapsing",
                    fine.leaf("CN=lapsing partner")
                            .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5)))
                            .issue()
                            .chainWithoutRoot());
            server.chains.put("renewed", fine.leaf("CN=renewed partner").issue().chainWithoutRoot());
            assertEquals(200, server.status("staff.test", "lapsing", "/x"));
            assertEquals(200, server.status("staff.test", "renewed", "/x"));
            log.records.clear();

            server.ops().reload("test");

            assertEquals(1, metrics.value("certgate_clients_expiring", Map.of("group", "staff")));
            assertTrue(
                    log.messages().stream().anyMatch(m -> m.contains("[reload]") && m.contains("expires on")),
                    log.messages().toString());
            assertTrue(
                    log.messages().stream()
                            .anyMatch(m -> m.contains(
                                    "1 client certificate(s) of host group" + " 'staff' expire within 30 day(s)")),
                    log.messages().toString());
        }
    }
}
