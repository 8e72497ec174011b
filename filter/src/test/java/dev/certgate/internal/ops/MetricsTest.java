package dev.certgate.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.ops.Metric;
import dev.certgate.testing.TestCa;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics view after known traffic, and the same numbers over JMX. */
class MetricsTest {
    private static final TestCa PARTNERS = TestCa.root("CN=metrics partners CA");
    private static final TestCa STRANGERS = TestCa.root("CN=metrics strangers CA");

    @TempDir
    Path dir;

    private OpsServer server;
    private GateMetrics metrics;

    @BeforeEach
    void start() throws Exception {
        server = new OpsServer(OpsServer.apiGroup(PARTNERS.writePem(dir.resolve("partners.pem")), """
                certgate.host.api.rules = health,note
                certgate.host.api.rule.health.expression = http.request.uri.path eq "/app/health"
                certgate.host.api.rule.health.action = skip
                certgate.host.api.rule.note.expression = cf.tls_client_auth.cert_verified
                certgate.host.api.rule.note.action = log
                """));
        server.chains.put("partner", PARTNERS.leaf("CN=partner").issue().chainWithoutRoot());
        server.chains.put("stranger", STRANGERS.leaf("CN=stranger").issue().chainWithoutRoot());
        metrics = server.ops().metrics();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private double value(String name, String... labels) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return metrics.value(name, map);
    }

    @Test
    void countsAfterKnownTraffic() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(403, server.status("api.test", "", "/x"));
        }
        assertEquals(200, server.status("api.test", "partner", "/x"));
        assertEquals(200, server.status("api.test", "partner", "/x"));
        assertEquals(403, server.status("api.test", "stranger", "/x"));
        assertEquals(403, server.status("other.test", "", "/x"));

        assertEquals(4, value("certgate_requests_total", "group", "api", "outcome", "blocked"));
        assertEquals(2, value("certgate_requests_total", "group", "api", "outcome", "passed"));
        assertEquals(1, value("certgate_requests_total", "group", "(default)", "outcome", "blocked"));
        assertEquals(
                1,
                value(
                        "certgate_rule_matches_total",
                        "group",
                        "(default)",
                        "rule",
                        "unmatched-host",
                        "action",
                        "block"));
        assertEquals(4, value("certgate_rule_matches_total", "group", "api", "rule", "mtls", "action", "block"));
        assertEquals(2, value("certgate_rule_matches_total", "group", "api", "rule", "note", "action", "log"));
        assertEquals(0, value("certgate_rule_matches_total", "group", "api", "rule", "health", "action", "skip"));
        assertEquals(1, value("certgate_verifications_total", "group", "api", "result", "verified"));
        assertEquals(1, value("certgate_verifications_total", "group", "api", "result", "failed"));
        assertEquals(2, value("certgate_verification_cache_misses_total", "group", "api"));
        assertEquals(1, value("certgate_verification_cache_hits_total", "group", "api"));
        assertEquals(2, value("certgate_verification_cache_size", "group", "api"));
        assertEquals(1, value("certgate_policy_version"));
        assertTrue(value("certgate_anchor_expiry_days") > 3000, "ten-year test CA");
        for (Metric m : metrics.snapshot()) {
            assertFalse(m.labels().values().stream().anyMatch(v -> v.contains("CN=")), "no DN as a label: " + m);
        }
    }

    @Test
    void jmxShowsTheSameNumbersAndReloads() throws Exception {
        assertEquals(403, server.status("api.test", "", "/x"));
        ObjectName name = server.ops().jmxName();
        assertNotNull(name, "registered by default");
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        TabularData table = (TabularData) mbeans.getAttribute(name, "Metrics");
        Object blocked = table.get(new Object[] {"certgate_requests_total{group=\"api\",outcome=\"blocked\"}"})
                .get("value");
        assertEquals(1.0, blocked);

        Object answer = mbeans.invoke(name, "reload", new Object[0], new String[0]);

        assertEquals("reloaded, version 2", answer);
        assertEquals(2L, mbeans.getAttribute(name, "PolicyVersion"));
        assertEquals(1L, mbeans.getAttribute(name, "ReloadsOk"));
        assertEquals(
                1.0,
                value("certgate_requests_total", "group", "api", "outcome", "blocked"),
                "counted once after the reload too");
        server.close();
        assertFalse(mbeans.isRegistered(name), "unregistered when the filter stops");
        server = new OpsServer(
                Map.of("certgate.hosts", "", "certgate.reload.interval", "off", "certgate.jmx.enabled", "false"));
    }
}
