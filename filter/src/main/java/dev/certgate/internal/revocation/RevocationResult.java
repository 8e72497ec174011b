package dev.certgate.internal.revocation;

import java.util.Objects;

/** The outcome of {@link RevocationPolicy#check} for one path. Immutable. */
public final class RevocationResult {

    /** certgate.tls_client_auth.revocation_status: good / revoked / unknown / unchecked. */
    public enum Status {
        GOOD,
        REVOKED,
        UNKNOWN,
        UNCHECKED
    }

    private static final RevocationResult UNCHECKED =
            new RevocationResult(Status.UNCHECKED, false, "revocation checking is off", "");

    private final Status status;
    private final boolean revoked;
    private final String detail;
    private final String source;

    private RevocationResult(Status status, boolean revoked, String detail, String source) {
        this.status = status;
        this.revoked = revoked;
        this.detail = detail;
        this.source = source;
    }

    static RevocationResult unchecked() {
        return UNCHECKED;
    }

    static RevocationResult of(Status status, boolean revoked, String detail) {
        return of(status, revoked, detail, "");
    }

    static RevocationResult of(Status status, boolean revoked, String detail, String source) {
        return new RevocationResult(status, revoked, Objects.requireNonNull(detail), Objects.requireNonNull(source));
    }

    /**
     * Who answered for the leaf (or the revoked certificate), e.g. {@code crl file:/etc/ca.crl} or
     * {@code ocsp http://ocsp.example (signed by …)}; empty when unchecked or nobody could answer.
     */
    public String source() {
        return source;
    }

    /** The real status, before the failure policy. */
    public Status status() {
        return status;
    }

    /**
     * What {@code cf.tls_client_auth.cert_revoked} gets: true when REVOKED, and when UNKNOWN under
     * hard-fail; false otherwise.
     */
    public boolean revoked() {
        return revoked;
    }

    /** Short human text: which certificate, why. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return status.name().toLowerCase(java.util.Locale.ROOT) + (revoked ? " (revoked)" : "") + ": " + detail;
    }
}
