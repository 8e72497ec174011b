package dev.certgate.internal.facts;

/**
 * What is kept per presented chain besides the verification outcome: the formatted fields, the
 * revocation answer shared for a moment, and the results of the certificate-only rules. Outside
 * the cache (previews, the CLI) only the fields are known.
 */
record CachedChain(CertificateFacts facts, RevocationMemo revocation, RuleResults rules) {
    /** No certificate was presented. */
    static final CachedChain NONE = uncached(null);

    /** A chain outside the verification cache: nothing is remembered across requests. */
    static CachedChain uncached(CertificateFacts facts) {
        return new CachedChain(facts, null, null);
    }

    /** A chain entering the cache: revocation and rule results start afresh. */
    static CachedChain fresh(CertificateFacts facts) {
        return new CachedChain(facts, new RevocationMemo(), new RuleResults());
    }
}
