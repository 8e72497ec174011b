package dev.certgate.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
    private static final TestCa ROOT = TestCa.root("CN=root");
    private static final TestCa ISSUING = ROOT.intermediate("CN=issuing");
    private final ChainVerifier verifier = new ChainVerifier(TrustAnchors.of(List.of(ROOT.certificate()), "test"));

    @Test
    void leafFromTheAnchorVerifies() {
        TestIdentity id = ROOT.leaf("CN=a").issue();
        Verification v = verifier.verify(id.chainWithoutRoot(), Instant.now());
        assertTrue(v.verified(), v.error());
        assertEquals("", v.error());
        assertEquals(List.of(id.certificate(), ROOT.certificate()), v.path());
    }

    @Test
    void pathIsBuiltThroughSentIntermediatesWhateverTheirOrder() {
        TestIdentity id = ISSUING.leaf("CN=b").issue();
        X509Certificate[] chain = id.chain(); // leaf, issuing, root
        X509Certificate[] shuffled = {chain[0], chain[2], chain[1]};
        Verification v = verifier.verify(shuffled, Instant.now());
        assertTrue(v.verified(), v.error());
        assertEquals(List.of(chain[0], chain[1], ROOT.certificate()), v.path());
    }

    @Test
    void chainsAsClientsSendThemTakeTheDirectPath() {
        // TestCa writes authority key identifiers with issuer name and serial, as many CAs do.
        TestIdentity viaIssuing = ISSUING.leaf("CN=direct1").issue();
        assertEquals(
                List.of(viaIssuing.chain()[0], viaIssuing.chain()[1], ROOT.certificate()),
                verifier.directPathOnly(viaIssuing.chainWithoutRoot(), Instant.now()));
        assertEquals(
                List.of(viaIssuing.chain()[0], viaIssuing.chain()[1], ROOT.certificate()),
                verifier.directPathOnly(viaIssuing.chain(), Instant.now()));
        TestIdentity direct = ROOT.leaf("CN=direct2").issue();
        assertEquals(
                List.of(direct.certificate(), ROOT.certificate()),
                verifier.directPathOnly(direct.chainWithoutRoot(), Instant.now()));
    }

    @Test
    void missingIntermediateFails() {
        TestIdentity id = ISSUING.leaf("CN=c").issue();
        Verification v = verifier.verify(new X509Certificate[] {id.certificate()}, Instant.now());
        assertFalse(v.verified());
        assertTrue(v.error().startsWith("unable to get local issuer certificate"), v.error());
    }

    @Test
    void aRootTheClientSendsIsNeverAnAnchor() {
        TestCa other = TestCa.root("CN=root"); // same name, different key
        TestIdentity id = other.leaf("CN=d").issue();
        Verification v = verifier.verify(id.chain(), Instant.now());
        assertFalse(v.verified());
    }

    @Test
    void expiryAndNotYetValidAreJudgedAtTheGivenTime() {
        TestIdentity id = ROOT.leaf("CN=e")
                .validity(Instant.now().minus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(1)))
                .issue();
        assertEquals(
                "certificate has expired",
                verifier.verify(id.chain(), Instant.now().plus(Duration.ofDays(3)))
                        .error());
        assertEquals(
                "certificate is not yet valid",
                verifier.verify(id.chain(), Instant.now().minus(Duration.ofDays(3)))
                        .error());
        assertTrue(verifier.verify(id.chain(), Instant.now()).verified());
    }

    @Test
    void extendedKeyUsageMustAllowClientAuth() {
        assertFalse(verifier.verify(ROOT.leaf("CN=s").server().issue().chain(), Instant.now())
                .verified());
        assertTrue(verifier.verify(
                        ROOT.leaf("CN=any")
                                .ekus(KeyPurposeId.anyExtendedKeyUsage)
                                .issue()
                                .chain(),
                        Instant.now())
                .verified());
        assertTrue(verifier.verify(ROOT.leaf("CN=none").ekus().issue().chain(), Instant.now())
                .verified());
    }

    @Test
    void keyUsageMustAllowDigitalSignature() {
        Verification v = verifier.verify(
                ROOT.leaf("CN=ku").keyUsage(KeyUsage.keyEncipherment).issue().chain(), Instant.now());
        assertFalse(v.verified());
        assertTrue(v.error().contains("digitalSignature"), v.error());
        assertTrue(verifier.verify(ROOT.leaf("CN=noku").keyUsage(0).issue().chain(), Instant.now())
                .verified());
    }

    @Test
    void noAnchorsNeverVerify() {
        ChainVerifier empty = new ChainVerifier(TrustAnchors.of(List.of(), "none"));
        assertFalse(
                empty.verify(ROOT.leaf("CN=x").issue().chain(), Instant.now()).verified());
    }

    @Test
    void cacheValidatesOncePerChainAndKeepsFailuresBriefly() {
        VerificationCache<String> cache = new VerificationCache<>(100);
        AtomicInteger validations = new AtomicInteger();
        TestIdentity id = ROOT.leaf("CN=cached").issue();
        Instant now = Instant.now();
        VerificationCache.Entry<String> first = cache.get(id.chain(), now, c -> {
            validations.incrementAndGet();
            return new VerificationCache.Entry<>(verifier.verify(c, now), "facts", now);
        });
        for (int i = 0; i < 10; i++) {
            // A new array with equal certificates, as a container may hand out per request.
            assertSame(first, cache.get(id.chain(), now, c -> {
                validations.incrementAndGet();
                return new VerificationCache.Entry<>(verifier.verify(c, now), "facts", now);
            }));
        }
        assertEquals(1, validations.get());
        // Past the certificate's notAfter the entry is not reused.
        Instant later = id.certificate().getNotAfter().toInstant().plusSeconds(1);
        VerificationCache.Entry<String> again = cache.get(
                id.chain(), later, c -> new VerificationCache.Entry<>(verifier.verify(c, later), "facts", later));
        assertFalse(again.verification().verified());
    }

    @Test
    void cacheStaysBounded() {
        VerificationCache<String> cache = new VerificationCache<>(50);
        Instant now = Instant.now();
        for (int i = 0; i < 300; i++) {
            TestIdentity id = ROOT.leaf("CN=n" + i).issue();
            cache.get(id.chain(), now, c -> new VerificationCache.Entry<>(Verification.NOT_PRESENTED, "x", now));
            assertTrue(cache.size() <= 50, "size " + cache.size());
        }
    }

    @Test
    void aValidatorFailureKeepsItsCause() {
        TestIdentity id = ROOT.leaf("CN=odd").issue();
        IllegalStateException boom = new IllegalStateException("boom");
        Verification v =
                verifier.verify(new X509Certificate[] {new BrokenCertificate(id.certificate(), boom)}, Instant.now());
        assertFalse(v.verified());
        assertEquals("chain could not be validated: IllegalStateException", v.error());
        assertSame(boom, v.cause());
    }

    /** A certificate whose names cannot be read: the PKIX builder fails inside, not on a verdict. */
    private static final class BrokenCertificate extends X509Certificate {
        private final X509Certificate real;
        private final RuntimeException failure;

        BrokenCertificate(X509Certificate real, RuntimeException failure) {
            this.real = real;
            this.failure = failure;
        }

        @Override
        public javax.security.auth.x500.X500Principal getSubjectX500Principal() {
            throw failure;
        }

        @Override
        public javax.security.auth.x500.X500Principal getIssuerX500Principal() {
            throw failure;
        }

        @Override
        public void checkValidity()
                throws java.security.cert.CertificateExpiredException,
                        java.security.cert.CertificateNotYetValidException {
            real.checkValidity();
        }

        @Override
        public void checkValidity(java.util.Date date)
                throws java.security.cert.CertificateExpiredException,
                        java.security.cert.CertificateNotYetValidException {
            real.checkValidity(date);
        }

        @Override
        public int getVersion() {
            return real.getVersion();
        }

        @Override
        public java.math.BigInteger getSerialNumber() {
            return real.getSerialNumber();
        }

        @Override
        @SuppressWarnings("deprecation")
        public java.security.Principal getIssuerDN() {
            throw failure;
        }

        @Override
        @SuppressWarnings("deprecation")
        public java.security.Principal getSubjectDN() {
            throw failure;
        }

        @Override
        public java.util.Date getNotBefore() {
            return real.getNotBefore();
        }

        @Override
        public java.util.Date getNotAfter() {
            return real.getNotAfter();
        }

        @Override
        public byte[] getTBSCertificate() throws java.security.cert.CertificateEncodingException {
            return real.getTBSCertificate();
        }

        @Override
        public byte[] getSignature() {
            return real.getSignature();
        }

        @Override
        public String getSigAlgName() {
            return real.getSigAlgName();
        }

        @Override
        public String getSigAlgOID() {
            return real.getSigAlgOID();
        }

        @Override
        public byte[] getSigAlgParams() {
            return real.getSigAlgParams();
        }

        @Override
        public boolean[] getIssuerUniqueID() {
            return real.getIssuerUniqueID();
        }

        @Override
        public boolean[] getSubjectUniqueID() {
            return real.getSubjectUniqueID();
        }

        @Override
        public boolean[] getKeyUsage() {
            return real.getKeyUsage();
        }

        @Override
        public List<String> getExtendedKeyUsage() throws java.security.cert.CertificateParsingException {
            return real.getExtendedKeyUsage();
        }

        @Override
        public int getBasicConstraints() {
            return real.getBasicConstraints();
        }

        @Override
        public byte[] getEncoded() throws java.security.cert.CertificateEncodingException {
            return real.getEncoded();
        }

        @Override
        public void verify(java.security.PublicKey key) {
            throw failure;
        }

        @Override
        public void verify(java.security.PublicKey key, String provider) {
            throw failure;
        }

        @Override
        public String toString() {
            return "broken " + real.getSerialNumber();
        }

        @Override
        public java.security.PublicKey getPublicKey() {
            return real.getPublicKey();
        }

        @Override
        public boolean hasUnsupportedCriticalExtension() {
            return real.hasUnsupportedCriticalExtension();
        }

        @Override
        public java.util.Set<String> getCriticalExtensionOIDs() {
            return real.getCriticalExtensionOIDs();
        }

        @Override
        public java.util.Set<String> getNonCriticalExtensionOIDs() {
            return real.getNonCriticalExtensionOIDs();
        }

        @Override
        public byte[] getExtensionValue(String oid) {
            return real.getExtensionValue(oid);
        }
    }
}
