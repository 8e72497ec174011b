package dev.certgate.internal.facts;

import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.trust.Verification;
import java.time.Instant;

/**
 * The one {@link ClientCertificate} of a cached chain whose host group checks no revocation: then
 * nothing of it depends on the request, so requests share it instead of allocating their own.
 * Built on first use; a race builds two equal ones, either is fine.
 */
final class SharedCertificate {
    private volatile ClientCertificate certificate;

    ClientCertificate of(CachedChain chain, Verification verification, RevocationPolicy off) {
        ClientCertificate c = certificate;
        if (c == null) {
            c = build(chain, verification, off);
            certificate = c;
        }
        return c;
    }

    /** The instant is only used to check revocation, which is off: EPOCH is never read. */
    static ClientCertificate build(CachedChain chain, Verification verification, RevocationPolicy off) {
        return new ClientCertificate(chain, verification, off, Instant.EPOCH);
    }
}
