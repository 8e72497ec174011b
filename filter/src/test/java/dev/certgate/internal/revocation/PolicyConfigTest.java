package dev.certgate.internal.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationConfigException;
import dev.certgate.revocation.RevocationStatus;
import dev.certgate.testing.MapSettings;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** Settings are validated at start-up; the policy maps statuses to fields; checker exceptions become UNKNOWN. */
class PolicyConfigTest {

    static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });

    static RevocationConfigException rejected(MapSettings settings) {
        return assertThrows(
                RevocationConfigException.class,
                () -> RevocationPolicy.create(settings, List.of(), SCHEDULER, Clock.systemUTC()));
    }

    @Test
    void badValuesNameTheProperty() {
        assertEquals(
                "certgate.host.test.revocation.failure: expected hard or soft, got 'sfot'",
                rejected(MapSettings.of("checkers", "crl", "failure", "sfot", "crl.sources", "classpath:x.crl"))
                        .getMessage());
        assertTrue(rejected(MapSettings.of("checkers", "crl", "scope", "all"))
                .getMessage()
                .startsWith("certgate.host.test.revocation.scope: expected chain or leaf"));
        assertTrue(
                rejected(MapSettings.of("checkers", "cr1")).getMessage().contains("no revocation checker named 'cr1'"));
        assertTrue(rejected(MapSettings.of("checkers", "crl"))
                .getMessage()
                .startsWith("certgate.host.test.revocation.crl.sources:"));
        assertTrue(rejected(MapSettings.of("checkers", "crl", "crl.sources", "ftp://x/y.crl"))
                .getMessage()
                .startsWith("certgate.host.test.revocation.crl.sources: expected a URI with scheme"));
        assertTrue(rejected(MapSettings.of("checkers", "crl", "crl.sources", "file:/nonexistent/ca.crl"))
                .getMessage()
                .contains("no such file"));
        assertTrue(rejected(MapSettings.of("checkers", "ocsp", "ocsp.nonce", "yes"))
                .getMessage()
                .startsWith("certgate.host.test.revocation.ocsp.nonce: expected off or send or require"));
        assertTrue(rejected(MapSettings.of("checkers", "ocsp", "ocsp.read-timeout", "5 parsecs"))
                .getMessage()
                .startsWith("certgate.host.test.revocation.ocsp.read-timeout: expected a duration"));
        assertTrue(rejected(MapSettings.of("checkers", "crl,crl", "crl.sources", "classpath:x"))
                .getMessage()
                .contains("twice"));
    }

    @Test
    void noneIsUnchecked() throws Exception {
        RevocationPolicy none = RevocationPolicy.create(MapSettings.of(), List.of(), SCHEDULER, Clock.systemUTC());
        assertFalse(none.enabled());
        RevocationResult result = none.check(List.of(), Instant.now());
        assertEquals(RevocationResult.Status.UNCHECKED, result.status());
        assertFalse(result.revoked());
        assertFalse(RevocationPolicy.none().enabled());
    }

    @Test
    void throwingCheckerBecomesUnknown() {
        RevocationChecker throwing = (c, i, n) -> {
            throw new IllegalArgumentException("odd input");
        };
        CompositeChecker composite = new CompositeChecker(List.of(new CompositeChecker.Named("x", throwing)));
        TestCa root = TestCa.root("CN=R,O=certgate test", TestCa.FIXED_NOW);
        TestIdentity leaf = root.leaf("CN=L,O=certgate test").issue();
        RevocationStatus status = composite.check(leaf.certificate(), root.certificate(), Instant.now());
        assertTrue(status.isUnknown());
        assertTrue(status.cause().orElseThrow().contains("odd input"));
    }

    @Test
    void userProviderIsFoundByName() throws Exception {
        TestCa root = TestCa.root("CN=R,O=certgate test", TestCa.FIXED_NOW);
        TestIdentity leaf = root.leaf("CN=L,O=certgate test").issue();
        List<X509Certificate> path = List.of(leaf.certificate(), root.certificate());
        try (RevocationPolicy policy = RevocationPolicy.create(
                MapSettings.of(
                        "checkers",
                        "deny-list",
                        "deny-list.serials",
                        leaf.certificate().getSerialNumber().toString()),
                List.of(root.certificate()),
                SCHEDULER,
                Clock.systemUTC())) {
            assertEquals(
                    RevocationResult.Status.REVOKED,
                    policy.check(path, Instant.now()).status());
        }
    }
}
