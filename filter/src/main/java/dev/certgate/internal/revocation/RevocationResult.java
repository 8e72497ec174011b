package dev.certgate.internal.revocation;

import java.util.Objects;

/**
 * The outcome of {@link RevocationPolicy#check} for one path.
 *
 * @param status the real status, before the failure policy
 * @param revoked what {@code cf.tls_client_auth.cert_revoked} gets: true when REVOKED, and when
 *     UNKNOWN under hard-fail; false otherwise
 * @param detail short human text: which certificate, why
 * @param source who answered for the leaf (or the revoked certificate), e.g. {@code crl
 *     file:/etc/ca.crl} or {@code ocsp http://ocsp.example (signed by …)}; empty when unchecked or
 *     nobody could answer
 */
public record RevocationResult(Status status, boolean revoked, String detail, String source) {

    /** certgate.tls_client_auth.revocation_status: good / revoked / unknown / unchecked. */
    public enum Status {
        GOOD,
        REVOKED,
        UNKNOWN,
        UNCHECKED
    }

    private static final RevocationResult UNCHECKED =
            new RevocationResult(Status.UNCHECKED, false, "revocation checking is off", "");

    public RevocationResult {
        Objects.requireNonNull(status);
        Objects.requireNonNull(detail);
        Objects.requireNonNull(source);
    }

    static RevocationResult unchecked() {
        return UNCHECKED;
    }

    static RevocationResult of(Status status, boolean revoked, String detail) {
        return new RevocationResult(status, revoked, detail, "");
    }

    static RevocationResult of(Status status, boolean revoked, String detail, String source) {
        return new RevocationResult(status, revoked, detail, source);
    }

    @Override
    public String toString() {
        return status.name().toLowerCase(java.util.Locale.ROOT) + (revoked ? " (revoked)" : "") + ": " + detail;
    }
}
