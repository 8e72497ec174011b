package dev.certgate.internal.trust;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The outcome of verifying a presented chain for one host.
 *
 * @param verified true when the chain validates to one of the host's trust anchors and the leaf is
 *                 fit for client authentication
 * @param error    empty when verified, otherwise a short reason ("certificate has expired", …)
 * @param path     the validated path, leaf first and the trust anchor last; empty when not verified
 * @param cause    the internal error that stopped validation, kept for whoever debugs it; null otherwise
 */
public record Verification(boolean verified, String error, List<X509Certificate> path, Throwable cause) {
    public static final Verification NOT_PRESENTED =
            new Verification(false, "no client certificate presented", List.of());

    public Verification(boolean verified, String error, List<X509Certificate> path) {
        this(verified, error, path, null);
    }

    static Verification failed(String error) {
        return new Verification(false, error, List.of());
    }

    static Verification failed(String error, Throwable cause) {
        return new Verification(false, error, List.of(), cause);
    }
}
