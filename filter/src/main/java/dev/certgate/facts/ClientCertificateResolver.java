package dev.certgate.facts;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.certgate.revocation.RevocationPolicy;
import dev.certgate.trust.ChainVerifier;
import dev.certgate.trust.Verification;
import dev.certgate.trust.VerificationCache;

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

    /**
     * @param trustContainerVerification when true (an explicit operator choice), a presented chain
     *                                   counts as verified because the container's TLS layer checked it
     */
    public ClientCertificateResolver(ChainVerifier verifier, RevocationPolicy revocation,
                                     boolean trustContainerVerification, int cacheSize) {
        this.verifier = verifier;
        this.revocation = revocation;
        this.trustContainerVerification = trustContainerVerification;
        this.cache = new VerificationCache<>(cacheSize);
    }

    public ClientCertificate resolve(X509Certificate[] chain, Instant now) {
        if (chain == null || chain.length == 0 || chain[0] == null) {
            return ClientCertificate.NONE;
        }
        VerificationCache.Entry<CachedChain> entry = cache.get(chain, now, c -> compute(c, now));
        CachedChain cached = entry.attachment();
        return new ClientCertificate(cached.facts(), entry.verification(), revocation, now, cached.revocation(),
                cached.rules());
    }

    /** Where the trust anchors came from (their locations), for previews. */
    public String anchorsDescription() {
        return trustContainerVerification ? "(the container's TLS verification)" : verifier.anchors().description();
    }

    /** The trust anchors' certificates (empty when the container's verification is trusted). */
    public List<X509Certificate> anchors() {
        return verifier.anchors().certificates();
    }

    public int anchorCount() {
        return verifier.anchors().certificates().size();
    }

    public RevocationPolicy revocation() {
        return revocation;
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
        X509Certificate issuer = verification.path().size() > 1 ? verification.path().get(1) : null;
        CertificateFacts facts = new CertificateFacts(Arrays.asList(chain), issuer);
        return new VerificationCache.Entry<>(verification, new CachedChain(facts, new RevocationMemo(), new RuleResults()), now,
                Arrays.asList(chain));
    }

    /** What is kept per presented chain besides the verification outcome. */
    private record CachedChain(CertificateFacts facts, RevocationMemo revocation, RuleResults rules) {
    }
}
