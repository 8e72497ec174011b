package dev.certgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.trust.ChainVerifier;
import dev.certgate.internal.trust.TrustAnchors;
import dev.certgate.testing.MapSettings;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class ClientCertificateResolverTest {
    private static final TestCa CA = TestCa.root("CN=resolver CA");

    @Test
    void verificationFactsAndRevocationAreSharedPerChain() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (RevocationPolicy policy = RevocationPolicy.create(
                MapSettings.of("checkers", "counting", "scope", "leaf"),
                List.of(CA.certificate()),
                scheduler,
                Clock.systemUTC())) {
            ClientCertificateResolver resolver = new ClientCertificateResolver(
                    new ChainVerifier(TrustAnchors.of(List.of(CA.certificate()), "test")), policy, false, 100);
            TestIdentity alice = CA.leaf("CN=alice").issue();
            Instant t0 = Instant.now();
            int before = CountingCheckerProvider.CALLS.get();

            ClientCertificate first = resolver.resolve(alice.chainWithoutRoot(), t0);
            assertTrue(first.verified());
            assertFalse(first.revoked());
            assertEquals("good", first.bytes(Field.CERTGATE_REVOCATION_STATUS));
            assertEquals(before + 1, CountingCheckerProvider.CALLS.get());

            ClientCertificate again = resolver.resolve(alice.chainWithoutRoot(), t0.plusMillis(500));
            assertSame(first.facts(), again.facts(), "certificate fields are formatted once per chain");
            assertNotSame(first, again, "with revocation checking each request has its own answer");
            assertFalse(again.revoked());
            assertEquals(before + 1, CountingCheckerProvider.CALLS.get(), "answer reused within a second");

            assertFalse(resolver.resolve(alice.chainWithoutRoot(), t0.plusMillis(1_500))
                    .revoked());
            assertEquals(before + 2, CountingCheckerProvider.CALLS.get(), "asked again after a second");

            resolver.resolve(CA.leaf("CN=bob").issue().chainWithoutRoot(), t0.plusMillis(1_600))
                    .revoked();
            assertEquals(before + 3, CountingCheckerProvider.CALLS.get(), "another chain has its own answer");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void withoutRevocationCheckingRequestsShareTheirChainsCertificate() {
        ClientCertificateResolver resolver = new ClientCertificateResolver(
                new ChainVerifier(TrustAnchors.of(List.of(CA.certificate()), "test")),
                RevocationPolicy.none(),
                false,
                100);
        TestIdentity carol = CA.leaf("CN=carol").issue();
        Instant t0 = Instant.now();
        ClientCertificate first = resolver.resolve(carol.chainWithoutRoot(), t0);
        assertTrue(first.verified(), first.verifyError());
        assertEquals("unchecked", first.bytes(Field.CERTGATE_REVOCATION_STATUS));
        assertFalse(first.revoked());

        ClientCertificate again = resolver.resolve(carol.chainWithoutRoot().clone(), t0.plusSeconds(5));
        assertSame(first, again, "nothing depends on the request: one instance per cached chain");
        assertEquals("unchecked", again.bytes(Field.CERTGATE_REVOCATION_STATUS));

        ClientCertificate stranger = resolver.resolve(
                TestCa.root("CN=elsewhere").leaf("CN=x").issue().chain(), t0);
        assertFalse(stranger.verified());
        assertNotSame(first, stranger, "another chain, its own instance");
        assertEquals("unchecked", stranger.bytes(Field.CERTGATE_REVOCATION_STATUS));
    }

    @Test
    void cachedChainsShareOneInstanceOfTheirIssuers() throws Exception {
        TestCa issuing = CA.intermediate("CN=issuing");
        ClientCertificateResolver resolver = new ClientCertificateResolver(
                new ChainVerifier(TrustAnchors.of(List.of(CA.certificate()), "test")),
                RevocationPolicy.none(),
                false,
                100);
        java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
        java.util.List<java.util.List<java.security.cert.X509Certificate>> paths = new java.util.ArrayList<>();
        for (String cn : new String[] {"CN=one", "CN=two"}) {
            java.security.cert.X509Certificate[] sent = issuing.leaf(cn).issue().chainWithoutRoot();
            // Each TLS session parses its own copy of the intermediate.
            sent[1] = (java.security.cert.X509Certificate)
                    cf.generateCertificate(new java.io.ByteArrayInputStream(sent[1].getEncoded()));
            ClientCertificate c = resolver.resolve(sent, Instant.now());
            assertTrue(c.verified(), c.verifyError());
            paths.add(c.verification().path());
        }
        assertSame(paths.get(0).get(1), paths.get(1).get(1));
    }

    @Test
    void unverifiedChainsAreNeverRevocationChecked() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (RevocationPolicy policy = RevocationPolicy.create(
                MapSettings.of("checkers", "counting"), List.of(CA.certificate()), scheduler, Clock.systemUTC())) {
            ClientCertificateResolver resolver = new ClientCertificateResolver(
                    new ChainVerifier(TrustAnchors.of(List.of(CA.certificate()), "test")), policy, false, 100);
            int before = CountingCheckerProvider.CALLS.get();
            ClientCertificate stranger = resolver.resolve(
                    TestCa.root("CN=other").leaf("CN=x").issue().chain(), Instant.now());
            assertTrue(stranger.presented());
            assertFalse(stranger.verified());
            assertFalse(stranger.revoked());
            assertEquals("unchecked", stranger.bytes(Field.CERTGATE_REVOCATION_STATUS));
            assertEquals(before, CountingCheckerProvider.CALLS.get());
        } finally {
            scheduler.shutdownNow();
        }
    }
}
