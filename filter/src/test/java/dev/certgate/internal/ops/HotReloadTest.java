package dev.certgate.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.policy.Policy;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload in a running Jetty: the configuration changes through system properties (the highest
 * ordinal, read live) and the CA bundle on disk; requests before and after must get the decisions
 * of the policy in force.
 */
class HotReloadTest {
    private static final TestCa PARTNERS = TestCa.root("CN=partners CA");
    private static final TestCa EMPLOYEES = TestCa.root("CN=employees CA");
    private static final TestIdentity PARTNER = PARTNERS.leaf("CN=partner").issue();
    private static final TestIdentity EMPLOYEE = EMPLOYEES.leaf("CN=employee").issue();

    @TempDir
    Path dir;

    private Path partnersPem;
    private Path employeesPem;
    private OpsServer server;

    @BeforeEach
    void start() throws Exception {
        partnersPem = PARTNERS.writePem(dir.resolve("partners.pem"));
        employeesPem = EMPLOYEES.writePem(dir.resolve("employees.pem"));
        server = new OpsServer(OpsServer.apiGroup(partnersPem, "certgate.jmx.enabled = false"));
        server.chains.put("partner", PARTNER.chainWithoutRoot());
        server.chains.put("employee", EMPLOYEE.chainWithoutRoot());
    }

    @AfterEach
    void stop() throws Exception {
        System.getProperties().stringPropertyNames().stream()
                .filter(n -> n.startsWith("certgate."))
                .forEach(System::clearProperty);
        server.close();
    }

    @Test
    void aReloadAddsAHostGroup() throws Exception {
        assertEquals(403, server.status("admin.test", "employee", "/x"), "no group yet: an unmatched host");
        System.setProperty("certgate.hosts", "api,admin");
        System.setProperty("certgate.host.admin.names", "admin.test");
        System.setProperty("certgate.host.admin.trust", employeesPem.toString());

        Operations.ReloadResult r = server.ops().reload("test");

        assertEquals("reloaded", r.outcome());
        assertEquals(2, r.version());
        assertEquals(403, server.status("admin.test", "", "/x"));
        assertEquals(403, server.status("admin.test", "partner", "/x"));
        assertEquals(200, server.status("admin.test", "employee", "/x"));
        assertEquals(200, server.status("api.test", "partner", "/x"), "the other group is unchanged");
        assertEquals(1, server.ops().metrics().value("certgate_reloads_total", Map.of("result", "ok")));
    }

    @Test
    void aChangedCaBundleOnDiskIsPickedUpByTheCheck() throws Exception {
        assertEquals(200, server.status("api.test", "partner", "/x"));
        assertEquals(403, server.status("api.test", "employee", "/x"));
        assertEquals("unchanged", server.ops().reloadIfChanged("interval").outcome());

        Files.writeString(partnersPem, TestIdentity.pem(EMPLOYEES.certificate()));

        assertEquals("reloaded", server.ops().reloadIfChanged("interval").outcome());
        assertEquals(403, server.status("api.test", "partner", "/x"));
        assertEquals(200, server.status("api.test", "employee", "/x"));
        assertEquals("unchanged", server.ops().reloadIfChanged("interval").outcome());
    }

    @Test
    void aBadExpressionKeepsTheRunningPolicyAndSaysWhere() throws Exception {
        Policy before = server.ops().policy();
        System.setProperty("certgate.host.api.rules", "bad");
        System.setProperty("certgate.host.api.rule.bad.expression", "http.request.uri.path eq \"/x\" and");
        System.setProperty("certgate.host.api.rule.bad.action", "block");

        Operations.ReloadResult r = server.ops().reload("test");

        assertEquals("failed", r.outcome());
        assertEquals(1, r.version());
        assertSame(before, server.ops().policy());
        assertNotNull(r.error());
        assertEquals("certgate.host.api.rule.bad.expression", r.error().property());
        assertTrue(
                r.error().message().contains("^"),
                "a caret under the problem: " + r.error().message());
        assertTrue(
                r.error().message().matches("(?s).*\\b1:\\d+.*"),
                "line:column: " + r.error().message());
        assertEquals(200, server.status("api.test", "partner", "/x"), "still served by the old policy");
        assertEquals(403, server.status("api.test", "", "/x"));
        assertEquals(1, server.ops().metrics().value("certgate_reloads_total", Map.of("result", "failed")));
        assertEquals(r.error(), server.ops().reloadErrors().get(0));
    }

    @Test
    void verifiedChainsOfUnchangedAnchorsSurviveAReload() throws Exception {
        assertEquals(200, server.status("api.test", "partner", "/x"));
        Map<String, String> api = Map.of("group", "api");
        assertEquals(1, server.ops().metrics().value("certgate_verification_cache_misses_total", api));
        System.setProperty("certgate.host.api.rules", "note");
        System.setProperty("certgate.host.api.rule.note.expression", "http.request.uri.path eq \"/note\"");
        System.setProperty("certgate.host.api.rule.note.action", "log");

        assertEquals("reloaded", server.ops().reload("test").outcome());
        assertEquals(200, server.status("api.test", "partner", "/x"));

        assertEquals(
                1,
                server.ops().metrics().value("certgate_verification_cache_misses_total", api),
                "the chain verified before the reload was not verified again");
        assertEquals(1, server.ops().metrics().value("certgate_verification_cache_hits_total", api));
        assertEquals(
                1,
                server.ops()
                        .metrics()
                        .value("certgate_verifications_total", Map.of("group", "api", "result", "verified")),
                "counters add up across the reload");
    }

    @Test
    void aChangedCaBundleDropsTheVerifiedChains() throws Exception {
        assertEquals(200, server.status("api.test", "partner", "/x"));
        Files.writeString(partnersPem, TestIdentity.pem(PARTNERS.certificate(), EMPLOYEES.certificate()));
        assertEquals("reloaded", server.ops().reloadIfChanged("interval").outcome());
        assertEquals(0, server.ops().policy().groups().get(0).certificates().cachedChains());
        assertEquals(200, server.status("api.test", "partner", "/x"));
        assertEquals(
                2, server.ops().metrics().value("certgate_verification_cache_misses_total", Map.of("group", "api")));
    }

    @Test
    void underConcurrentLoadEveryRequestGetsARightDecision() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong requests = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                long wrong = 0;
                while (running.get()) {
                    // Every policy of the loop agrees on these three.
                    wrong += server.status("api.test", "partner", "/x") == 200 ? 0 : 1;
                    wrong += server.status("api.test", "", "/x") == 403 ? 0 : 1;
                    wrong += server.status("api.test", "employee", "/x") == 403 ? 0 : 1;
                    requests.addAndGet(3);
                }
                return wrong;
            }));
        }
        int reloads = 0;
        try {
            for (int i = 0; i < 20; i++) {
                if (i % 2 == 0) {
                    System.setProperty("certgate.hosts", "api,admin");
                    System.setProperty("certgate.host.admin.names", "admin.test");
                    System.setProperty("certgate.host.admin.trust", employeesPem.toString());
                    System.setProperty("certgate.host.api.rules", "note");
                    System.setProperty("certgate.host.api.rule.note.expression", "http.request.uri.path eq \"/n\"");
                    System.setProperty("certgate.host.api.rule.note.action", "log");
                } else {
                    System.clearProperty("certgate.hosts");
                    System.clearProperty("certgate.host.admin.names");
                    System.clearProperty("certgate.host.admin.trust");
                    System.clearProperty("certgate.host.api.rules");
                    System.clearProperty("certgate.host.api.rule.note.expression");
                    System.clearProperty("certgate.host.api.rule.note.action");
                }
                Operations.ReloadResult r = server.ops().reload("test");
                assertNull(r.error());
                reloads++;
                Thread.sleep(20);
            }
        } finally {
            running.set(false);
        }
        long wrong = 0;
        for (Future<Long> w : workers) {
            wrong += w.get();
        }
        pool.shutdown();
        assertEquals(20, reloads);
        assertEquals(21, server.ops().holder().loaded().version());
        assertTrue(requests.get() >= 60, "requests ran during the reloads: " + requests.get());
        assertEquals(0, wrong, "wrong decisions among " + requests.get() + " requests");
    }
}
