package dev.certgate.internal.revocation;

import static dev.certgate.testing.TestCa.FIXED_NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.MapSettings;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import dev.certgate.testing.TestOcspResponder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCSP against a real responder (BC over the JDK HTTP server): verification, cache, single-flight, failure policy. */
class OcspPolicyTest {

    static final Clock CLOCK = Clock.fixed(FIXED_NOW, ZoneOffset.UTC);
    static ScheduledExecutorService scheduler;
    static TestCa root;
    static TestCa ca;

    TestOcspResponder responder;
    TestIdentity leaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "test-revocation");
            t.setDaemon(true);
            return t;
        });
        root = TestCa.root("CN=OCSP Root,O=certgate test", FIXED_NOW);
        ca = root.subordinate("CN=OCSP CA,O=certgate test").issueCa();
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
    }

    @BeforeEach
    void start() throws Exception {
        responder = new TestOcspResponder(ca);
        leaf = ca.leaf("CN=client,O=certgate test").ocspUrl(responder.url()).issue();
    }

    @AfterEach
    void close() {
        responder.close();
    }

    RevocationPolicy policy(String... more) throws Exception {
        MapSettings settings = MapSettings.of(
                "checkers", "ocsp", "scope", "leaf", "ocsp.read-timeout", "4s", "ocsp.connect-timeout", "2s");
        for (int i = 0; i < more.length; i += 2) {
            settings.with(more[i], more[i + 1]);
        }
        return RevocationPolicy.create(settings, List.of(root.certificate()), scheduler, CLOCK);
    }

    RevocationResult checkOnce(String... settings) throws Exception {
        try (RevocationPolicy policy = policy(settings)) {
            return policy.check(path(leaf), FIXED_NOW);
        }
    }

    static List<X509Certificate> path(TestIdentity cert) {
        return List.of(cert.certificate(), ca.certificate(), root.certificate());
    }

    @Test
    void goodAndRevoked() throws Exception {
        RevocationResult good = checkOnce();
        assertEquals(RevocationResult.Status.GOOD, good.status(), good.toString());
        responder.revoked.add(leaf.certificate().getSerialNumber());
        RevocationResult revoked = checkOnce();
        assertEquals(RevocationResult.Status.REVOKED, revoked.status(), revoked.toString());
        assertTrue(revoked.detail().contains("KEY_COMPROMISE"), revoked.detail());
    }

    @Test
    void unknownStatusIsUnknownNeverGood() throws Exception {
        responder.unknown.add(leaf.certificate().getSerialNumber());
        RevocationResult result = checkOnce();
        assertEquals(RevocationResult.Status.UNKNOWN, result.status());
        assertTrue(result.detail().contains("does not know"), result.detail());
    }

    @Test
    void staleGarbageTryLaterAndBadSignatureAreRejected() throws Exception {
        responder.mode = TestOcspResponder.Mode.STALE;
        assertTrue(checkOnce().detail().contains("stale"), "stale");
        responder.mode = TestOcspResponder.Mode.GARBAGE;
        assertTrue(checkOnce().detail().contains("malformed"), "garbage");
        responder.mode = TestOcspResponder.Mode.TRY_LATER;
        assertTrue(checkOnce().detail().contains("not successful"), "tryLater");
        responder.mode = TestOcspResponder.Mode.BAD_SIGNATURE;
        responder.revoked.add(leaf.certificate().getSerialNumber());
        RevocationResult forged = checkOnce();
        assertEquals(RevocationResult.Status.UNKNOWN, forged.status(), forged.toString());
    }

    @Test
    void forgedGoodByAnotherKeyNeverHidesARevocation() throws Exception {
        responder.revoked.clear();
        responder.signingKeyOverride = TestCa.newKeyPair(); // claims to be the CA, signs with another key
        RevocationResult result = checkOnce();
        assertEquals(RevocationResult.Status.UNKNOWN, result.status(), result.toString());
        assertTrue(result.revoked());
    }

    @Test
    void delegatedResponders() throws Exception {
        responder.signer = ca.leaf("CN=OCSP delegate,O=certgate test")
                .ocspSigning()
                .noCheck()
                .issue();
        assertEquals(RevocationResult.Status.GOOD, checkOnce().status(), "authorised delegate");

        // Without id-pkix-ocsp-nocheck: local policy (RFC 6960 §4.2.2.2.1); accepted unless refused.
        responder.signer =
                ca.leaf("CN=plain delegate,O=certgate test").ocspSigning().issue();
        assertEquals(RevocationResult.Status.GOOD, checkOnce().status(), "delegate without nocheck");
        RevocationResult strict = checkOnce("ocsp.delegate-without-nocheck", "refuse");
        assertEquals(RevocationResult.Status.UNKNOWN, strict.status());
        assertTrue(strict.detail().contains("nocheck"), strict.detail());

        responder.signer =
                ca.leaf("CN=no EKU delegate,O=certgate test").noCheck().issue();
        RevocationResult noEku = checkOnce();
        assertEquals(RevocationResult.Status.UNKNOWN, noEku.status());
        assertTrue(noEku.detail().contains("OCSPSigning"), noEku.detail());

        TestCa otherCa = root.subordinate("CN=Other CA,O=certgate test").issueCa();
        responder.signer = otherCa.leaf("CN=foreign delegate,O=certgate test")
                .ocspSigning()
                .noCheck()
                .issue();
        RevocationResult foreign = checkOnce();
        assertEquals(RevocationResult.Status.UNKNOWN, foreign.status());
        assertTrue(foreign.detail().contains("not issued by the certificate's CA"), foreign.detail());

        responder.signer = ca.leaf("CN=expired delegate,O=certgate test")
                .ocspSigning()
                .noCheck()
                .validity(FIXED_NOW.minus(Duration.ofDays(10)), FIXED_NOW.minus(Duration.ofDays(1)))
                .issue();
        assertEquals(RevocationResult.Status.UNKNOWN, checkOnce().status(), "expired delegate");
    }

    @Test
    void configuredTrustedResponder() throws Exception {
        TestCa independent = TestCa.root("CN=Independent responder,O=certgate test", FIXED_NOW);
        responder.signer = independent.identity();
        assertEquals(RevocationResult.Status.UNKNOWN, checkOnce().status());
        Path pem = Files.writeString(dir.resolve("responder.pem"), CrlPolicyTest.pem(independent.identity()));
        assertEquals(
                RevocationResult.Status.GOOD,
                checkOnce("ocsp.trusted-responders", pem.toUri().toString()).status());
    }

    @Test
    void cachedAnswerSurvivesAResponderOutage() throws Exception {
        try (RevocationPolicy policy = policy()) {
            assertEquals(
                    RevocationResult.Status.GOOD,
                    policy.check(path(leaf), FIXED_NOW).status());
            responder.down = true;
            responder.delay = Duration.ofSeconds(3);
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                assertEquals(
                        RevocationResult.Status.GOOD,
                        policy.check(path(leaf), FIXED_NOW).status());
            }
            assertTrue(System.nanoTime() - start < 1_000_000_000L, "served from the cache, no waiting");
            assertEquals(1, responder.requests());
        }
    }

    @Test
    void noCacheAndResponderDownIsUnknownHardOrSoft() throws Exception {
        responder.down = true;
        RevocationResult hard = checkOnce();
        assertEquals(RevocationResult.Status.UNKNOWN, hard.status());
        assertTrue(hard.revoked());
        try (RevocationPolicy soft = policy("failure", "soft")) {
            RevocationResult result = soft.check(path(leaf), FIXED_NOW);
            assertEquals(RevocationResult.Status.UNKNOWN, result.status());
            assertFalse(result.revoked());
            assertEquals(1, soft.softFailures());
            // The failure is cached briefly: no second request to a responder that is down.
            int before = responder.requests();
            soft.check(path(leaf), FIXED_NOW);
            assertEquals(before, responder.requests());
        }
    }

    @Test
    void slowResponderTimesOut() throws Exception {
        responder.delay = Duration.ofSeconds(5);
        long start = System.nanoTime();
        RevocationResult result = checkOnce("ocsp.read-timeout", "1s");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(RevocationResult.Status.UNKNOWN, result.status());
        assertTrue(millis < 4000, "bounded by the 1s read timeout, not the 5s delay; took " + millis + " ms");
    }

    @Test
    void concurrentMissesMakeOneRequest() throws Exception {
        responder.delay = Duration.ofMillis(300);
        try (RevocationPolicy policy = policy()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RevocationResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return policy.check(path(leaf), FIXED_NOW);
                }));
            }
            go.countDown();
            for (Future<RevocationResult> f : results) {
                assertEquals(RevocationResult.Status.GOOD, f.get().status());
            }
            pool.shutdown();
            assertEquals(1, responder.requests(), "single-flight");
        }
    }

    @Test
    void refreshesAheadOfNextUpdateInTheBackground() throws Exception {
        try (RevocationPolicy policy = policy("ocsp.refresh-ahead", "30m")) {
            policy.check(path(leaf), FIXED_NOW);
            // Within 30 min of nextUpdate: the cached answer is served and a refresh starts.
            java.time.Instant later = FIXED_NOW.plus(Duration.ofMinutes(40));
            assertEquals(
                    RevocationResult.Status.GOOD,
                    policy.check(path(leaf), later).status());
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (responder.requests() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, responder.requests());
        }
    }

    @Test
    void nonceRequireAndSend() throws Exception {
        assertEquals(
                RevocationResult.Status.GOOD, checkOnce("ocsp.nonce", "require").status());
        responder.echoNonce = false;
        assertEquals(
                RevocationResult.Status.UNKNOWN,
                checkOnce("ocsp.nonce", "require").status());
        assertEquals(
                RevocationResult.Status.GOOD, checkOnce("ocsp.nonce", "send").status());
    }

    @Test
    void savedResponsesWorkOffline() throws Exception {
        responder.revoked.add(leaf.certificate().getSerialNumber());
        Path saved = Files.write(
                dir.resolve("leaf.ocsp"), responder.answerFor(leaf.certificate().getSerialNumber()));
        responder.down = true;
        int before = responder.requests();
        RevocationResult result =
                checkOnce("ocsp.fetch", "false", "ocsp.responses", saved.toUri().toString());
        assertEquals(RevocationResult.Status.REVOKED, result.status(), result.toString());
        assertEquals(before, responder.requests());
        TestIdentity other = ca.leaf("CN=other client,O=certgate test").issue();
        try (RevocationPolicy policy =
                policy("ocsp.fetch", "false", "ocsp.responses", saved.toUri().toString())) {
            assertEquals(
                    RevocationResult.Status.UNKNOWN,
                    policy.check(path(other), FIXED_NOW).status());
        }
    }

    @Test
    void compositeFallsThroughToCrlWhenOcspIsUnknown() throws Exception {
        responder.down = true;
        byte[] crl = ca.crl().revoke(leaf.certificate().getSerialNumber(), 1).build();
        Path file = Files.write(dir.resolve("ca.crl"), crl);
        RevocationResult result =
                checkOnce("checkers", "ocsp,crl", "crl.sources", file.toUri().toString());
        assertEquals(RevocationResult.Status.REVOKED, result.status(), result.toString());
    }
}
