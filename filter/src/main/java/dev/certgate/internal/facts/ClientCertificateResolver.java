package dev.certgate.internal.facts;

import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.trust.ChainVerifier;
import dev.certgate.internal.trust.Verification;
import dev.certgate.internal.trust.VerificationCache;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a presented chain into a {@link ClientCertificate} for one host group: verification is
 * cached per chain (bounded), certificate fields are computed once per cached chain, revocation is
 * asked per request (its answers come from the checkers' own caches).
 */
public final class ClientCertificateResolver {
    private final ChainVerifier verifier;
    private final RevocationPolicy revocation;
    private final boolean trustContainerVerification;
    private final VerificationCache<CachedChain> cache;
    private final SharedIssuers issuers = new SharedIssuers();
    private final java.util.concurrent.atomic.LongAdder verifiedChains = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder failedChains = new java.util.concurrent.atomic.LongAdder();
    /** One function for every cache miss, rather than a lambda capturing each request's instant. */
    private final java.util.function.BiFunction<X509Certificate[], Instant, VerificationCache.Entry<CachedChain>>
            computeEntry = this::compute;

    /**
     * @param trustContainerVerification when true (an explicit operator choice), a presented chain
     *                                   counts as verified because the container's TLS layer checked it
     */
    public ClientCertificateResolver(
            ChainVerifier verifier, RevocationPolicy revocation, boolean trustContainerVerification, int cacheSize) {
        this.verifier = verifier;
        this.revocation = revocation;
        this.trustContainerVerification = trustContainerVerification;
        this.cache = new VerificationCache<>(cacheSize);
    }

    public ClientCertificate resolve(X509Certificate[] chain, Instant now) {
        if (chain == null || chain.length == 0 || chain[0] == null) {
            return ClientCertificate.NONE;
        }
        VerificationCache.Entry<CachedChain> entry = cache.get(chain, now, computeEntry);
        if (!revocation.enabled()) {
            // Nothing of the answer depends on the request then: one instance per cached chain.
            return entry.attachment().withoutRevocation(entry.verification(), revocation);
        }
        return new ClientCertificate(entry.attachment(), entry.verification(), revocation, now);
    }

    /**
     * What this group makes of a chain, computed exactly as for a request but not cached and not
     * counted: for previews (the status page's "test this certificate"). Revocation is asked.
     */
    public ClientCertificate preview(X509Certificate[] chain, Instant now) {
        if (chain == null || chain.length == 0 || chain[0] == null) {
            return ClientCertificate.NONE;
        }
        Verification verification = trustContainerVerification
                ? new Verification(true, "", List.copyOf(Arrays.asList(chain)))
                : verifier.verify(chain, now);
        X509Certificate issuer =
                verification.path().size() > 1 ? verification.path().get(1) : null;
        return new ClientCertificate(new CertificateFacts(Arrays.asList(chain), issuer), verification, revocation, now);
    }

    /** Where the trust anchors came from (their locations), for previews. */
    public String anchorsDescription() {
        return trustContainerVerification
                ? "(the container's TLS verification)"
                : verifier.anchors().description();
    }

    public int anchorCount() {
        return verifier.anchors().certificates().size();
    }

    public RevocationPolicy revocation() {
        return revocation;
    }

    /** The trust anchors chains are verified against (empty when the container verifies). */
    public List<X509Certificate> anchors() {
        return verifier.anchors().certificates();
    }

    /** Chains in the verification cache. */
    public int cachedChains() {
        return cache.size();
    }

    public long cacheHits() {
        return cache.hits();
    }

    public long cacheMisses() {
        return cache.misses();
    }

    /** Chains verified since this resolver was created (new chains only: the cache answers the rest). */
    public long verifiedChains() {
        return verifiedChains.sum();
    }

    /** Chains whose verification failed since this resolver was created. */
    public long failedChains() {
        return failedChains.sum();
    }

    /**
     * Takes over the successful verifications of a resolver with the same trust anchors (a reload):
     * the outcome and the formatted certificate fields are kept; the revocation answer and the
     * certificate-only rule results start afresh, as the rules and checkers may have changed.
     */
    public void adoptVerifiedChains(ClientCertificateResolver previous) {
        long now = System.currentTimeMillis();
        previous.cache.forEach((chain, entry) -> {
            if (entry.verification().verified() && entry.usableAt(now)) {
                cache.put(
                        chain,
                        new VerificationCache.Entry<>(
                                entry.verification(),
                                CachedChain.fresh(entry.attachment().facts()),
                                Instant.ofEpochMilli(now),
                                chain));
            }
        });
    }

    /** Cached verified leaf certificates that expire before {@code instant} (clients to chase for renewal). */
    public int verifiedLeavesExpiringBefore(Instant instant) {
        int[] n = {0};
        long limit = instant.toEpochMilli();
        cache.forEach((chain, entry) -> {
            if (entry.verification().verified() && chain.get(0).getNotAfter().getTime() < limit) {
                n[0]++;
            }
        });
        return n[0];
    }

    private VerificationCache.Entry<CachedChain> compute(X509Certificate[] sent, Instant now) {
        X509Certificate[] chain = issuers.share(sent);
        Verification verification;
        if (trustContainerVerification) {
            List<X509Certificate> presented = List.copyOf(Arrays.asList(chain));
            verification = new Verification(true, "", presented);
        } else {
            verification = verifier.verify(chain, now);
        }
        (verification.verified() ? verifiedChains : failedChains).increment();
        X509Certificate issuer =
                verification.path().size() > 1 ? verification.path().get(1) : null;
        CertificateFacts facts = new CertificateFacts(Arrays.asList(chain), issuer);
        return new VerificationCache.Entry<>(verification, CachedChain.fresh(facts), now, Arrays.asList(chain));
    }
}
