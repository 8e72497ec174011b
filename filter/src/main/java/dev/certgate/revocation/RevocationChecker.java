package dev.certgate.revocation;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Service-provider interface: tells whether one certificate is revoked. Instances are created by
 * a {@link RevocationCheckerProvider}, once per host group at start-up, and are called
 * concurrently from request threads.
 *
 * <p>Implementations must never throw out of {@link #check}: any failure becomes
 * {@link RevocationStatus#unknown(String)}. (The policy also catches what slips through.)
 */
public interface RevocationChecker extends AutoCloseable {

    /** The status of certificate, issued by issuer (both from a path that already verified). */
    RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant now);

    /** Its sources as they are now (for metrics and the status page); none by default. */
    default java.util.List<RevocationSourceStatus> sources() {
        return java.util.List.of();
    }

    /**
     * Certificates configured to sign revocation answers (CRL signers, trusted OCSP responders),
     * for expiry warnings; none by default.
     */
    default java.util.List<X509Certificate> signers() {
        return java.util.List.of();
    }

    /** Stops background work (refresh tasks). */
    @Override
    default void close() {}
}
