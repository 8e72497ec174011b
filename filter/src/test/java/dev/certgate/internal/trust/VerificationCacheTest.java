package dev.certgate.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/** The cache's two lookups: by the presented objects' identity, then by the chain's encoding. */
class VerificationCacheTest {
    private static final TestCa ROOT = TestCa.root("CN=cache root");
    private static final TestCa ISSUING = ROOT.intermediate("CN=cache issuing");
    private final ChainVerifier verifier = new ChainVerifier(TrustAnchors.of(List.of(ROOT.certificate()), "test"));
    private final AtomicInteger validations = new AtomicInteger();

    private Function<X509Certificate[], VerificationCache.Entry<String>> validating(Instant now) {
        return c -> {
            validations.incrementAndGet();
            return new VerificationCache.Entry<>(verifier.verify(c, now), "facts", now);
        };
    }

    /** Whether the cache (validating on a miss) answers verified for chain at that time. */
    boolean verified(VerificationCache<String> cache, X509Certificate[] chain, Instant at) {
        return cache.get(chain, at, validating(at)).verification().verified();
    }

    @Test
    void sameObjectsAndEqualCopiesShareOneValidation() throws Exception {
        VerificationCache<String> cache = new VerificationCache<>(100);
        TestIdentity id = ISSUING.leaf("CN=same").issue();
        Instant now = Instant.now();
        X509Certificate[] sent = id.chainWithoutRoot();
        VerificationCache.Entry<String> first = cache.get(sent, now, validating(now));
        assertTrue(first.verification().verified(), first.verification().error());
        assertSame(first, cache.get(sent, now, validating(now)), "the same array again");
        assertSame(first, cache.get(sent.clone(), now, validating(now)), "another array, same objects");
        assertSame(first, cache.get(reparsed(sent), now, validating(now)), "equal certificates, new objects");
        assertEquals(1, validations.get());
    }

    @Test
    void changedContentsOfTheSameArrayAreNotMistakenForTheCachedChain() {
        VerificationCache<String> cache = new VerificationCache<>(100);
        TestIdentity good = ISSUING.leaf("CN=good").issue();
        TestIdentity stranger =
                TestCa.root("CN=stranger root").leaf("CN=stranger").issue();
        Instant now = Instant.now();
        X509Certificate[] array = good.chainWithoutRoot();
        assertTrue(verified(cache, array, now));
        // Same leaf object, different intermediate in the same array: must be looked up afresh.
        array[1] = stranger.certificate();
        assertFalse(verified(cache, array, now));
        assertEquals(2, validations.get());
    }

    @Test
    void identityHitIsNotReusedPastTheCertificatesValidity() {
        VerificationCache<String> cache = new VerificationCache<>(100);
        TestIdentity id = ISSUING.leaf("CN=expiring").issue();
        Instant now = Instant.now();
        X509Certificate[] sent = id.chainWithoutRoot();
        cache.get(sent, now, validating(now));
        Instant later = id.certificate().getNotAfter().toInstant().plusSeconds(1);
        assertFalse(verified(cache, sent, later));
        assertEquals(2, validations.get());
    }

    @Test
    void staysBoundedWhenEveryRequestBringsANewChain() {
        VerificationCache<String> cache = new VerificationCache<>(40);
        Instant now = Instant.now();
        for (int i = 0; i < 400; i++) {
            cache.get(
                    ROOT.leaf("CN=n" + i).issue().chain(),
                    now,
                    c -> new VerificationCache.Entry<>(Verification.NOT_PRESENTED, "x", now));
            assertTrue(cache.size() <= 40, "size " + cache.size());
        }
    }

    private static X509Certificate[] reparsed(X509Certificate[] chain) throws Exception {
        // The JDK's factory hands back its cached instance for known bytes; Bouncy Castle's makes new ones.
        CertificateFactory cf = CertificateFactory.getInstance("X.509", new BouncyCastleProvider());
        X509Certificate[] copy = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            copy[i] = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(chain[i].getEncoded()));
            assertNotSame(chain[i], copy[i]);
        }
        return copy;
    }
}
