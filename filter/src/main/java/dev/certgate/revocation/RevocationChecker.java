package dev.certgate.revocation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

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

    /**
     * The status of {@code path.get(index)} with the whole validated path at hand: leaf first, each
     * next element the issuer of the previous, the trust anchor last ({@code index < path.size() - 1}).
     * The policy calls this one; a checker that needs the anchor or the other CAs of the path (the
     * CRL checker requires a CRL's signer to chain to the certificate's own anchor, RFC 5280
     * §6.3.3 (f)) overrides it. The default asks {@link #check(X509Certificate, X509Certificate, Instant)}.
     */
    default RevocationStatus check(List<X509Certificate> path, int index, Instant now) {
        return check(path.get(index), path.get(index + 1), now);
    }

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
