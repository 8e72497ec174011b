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

    /** Asserts the settings (key, value, ...) are refused with a message starting with (or containing) text. */
    static void assertRejected(boolean startsWith, String text, String... settings) {
        String message = rejected(MapSettings.of(settings)).getMessage();
        assertTrue(startsWith ? message.startsWith(text) : message.contains(text), message);
    }

    @Test
    void badValuesNameTheProperty() {
        assertEquals(
                "certgate.host.test.revocation.failure: expected hard or soft, got 'sfot'",
                rejected(MapSettings.of("checkers", "crl", "failure", "sfot", "crl.sources", "classpath:x.crl"))
                        .getMessage());
        assertRejected(
                true, "certgate.host.test.revocation.scope: expected chain or leaf", "checkers", "crl", "scope", "all");
        assertRejected(false, "no revocation checker named 'cr1'", "checkers", "cr1");
        assertRejected(true, "certgate.host.test.revocation.crl.sources:", "checkers", "crl");
        assertRejected(
                true,
                "certgate.host.test.revocation.crl.sources: expected a URI with scheme",
                "checkers",
                "crl",
                "crl.sources",
                "ftp://x/y.crl");
        assertRejected(false, "no such file", "checkers", "crl", "crl.sources", "file:/nonexistent/ca.crl");
        assertRejected(
                true,
                "certgate.host.test.revocation.ocsp.nonce: expected off or send or require",
                "checkers",
                "ocsp",
                "ocsp.nonce",
                "yes");
        assertRejected(
                true,
                "certgate.host.test.revocation.ocsp.read-timeout: expected a duration",
                "checkers",
                "ocsp",
                "ocsp.read-timeout",
                "5 parsecs");
        assertRejected(false, "twice", "checkers", "crl,crl", "crl.sources", "classpath:x");
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
