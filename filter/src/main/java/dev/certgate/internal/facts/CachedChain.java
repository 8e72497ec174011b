package dev.certgate.internal.facts;

import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.trust.Verification;
import java.time.Instant;

/**
 * What is kept per presented chain besides the verification outcome: the formatted fields, the
 * revocation answer shared for a moment, and the results of the certificate-only rules. Outside
 * the cache (previews, the CLI) only the fields are known.
 */
final class CachedChain {
    /** No certificate was presented. */
    static final CachedChain NONE = uncached(null);

    private final CertificateFacts facts;
    private final RevocationMemo revocation;
    private final RuleResults rules;
    /**
     * The one {@link ClientCertificate} of this chain when its host group checks no revocation: then
     * nothing of it depends on the request, so requests share it instead of allocating their own.
     * Built on first use; a race builds two equal ones, either is fine.
     */
    private volatile ClientCertificate withoutRevocation;

    private CachedChain(CertificateFacts facts, RevocationMemo revocation, RuleResults rules) {
        this.facts = facts;
        this.revocation = revocation;
        this.rules = rules;
    }

    /** A chain outside the verification cache: nothing is remembered across requests. */
    static CachedChain uncached(CertificateFacts facts) {
        return new CachedChain(facts, null, null);
    }

    /** A chain entering the cache: revocation and rule results start afresh. */
    static CachedChain fresh(CertificateFacts facts) {
        return new CachedChain(facts, new RevocationMemo(), new RuleResults());
    }

    /** The certificate's fields, or null when none was presented. */
    CertificateFacts facts() {
        return facts;
    }

    /** The revocation answer shared between requests for a moment, or null outside the cache. */
    RevocationMemo revocation() {
        return revocation;
    }

    /** The remembered certificate-only rule results, or null outside the cache. */
    RuleResults rules() {
        return rules;
    }

    /**
     * This chain as every request of a host group without revocation checking sees it.
     *
     * @param verification this chain's (cached) verification outcome
     * @param off          the group's revocation policy, which checks nothing
     */
    ClientCertificate withoutRevocation(Verification verification, RevocationPolicy off) {
        ClientCertificate c = withoutRevocation;
        if (c == null) {
            // The instant is only used to check revocation, which is off: EPOCH is never read.
            c = new ClientCertificate(this, verification, off, Instant.EPOCH);
            withoutRevocation = c;
        }
        return c;
    }
}
