package dev.certgate.internal.facts;

import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.trust.Verification;

/**
 * What is kept per presented chain besides the verification outcome: the formatted fields, the
 * revocation answer shared for a moment, the results of the certificate-only rules, and the
 * chain's one {@link ClientCertificate} for groups without revocation. Outside the cache
 * (previews, the CLI) only the fields are known.
 */
record CachedChain(CertificateFacts facts, RevocationMemo revocation, RuleResults rules, SharedCertificate shared) {
    /** No certificate was presented. */
    static final CachedChain NONE = uncached(null);

    /** A chain outside the verification cache: nothing is remembered across requests. */
    static CachedChain uncached(CertificateFacts facts) {
        return new CachedChain(facts, null, null, null);
    }

    /** A chain entering the cache: revocation and rule results start afresh. */
    static CachedChain fresh(CertificateFacts facts) {
        return new CachedChain(facts, new RevocationMemo(), new RuleResults(), new SharedCertificate());
    }

    /**
     * This chain as every request of a host group without revocation checking sees it: one object
     * for a cached chain, a new one outside the cache.
     *
     * @param verification this chain's (cached) verification outcome
     * @param off          the group's revocation policy, which checks nothing
     */
    ClientCertificate withoutRevocation(Verification verification, RevocationPolicy off) {
        return shared == null ? SharedCertificate.build(this, verification, off) : shared.of(this, verification, off);
    }
}
