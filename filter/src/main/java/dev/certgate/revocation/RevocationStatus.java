package dev.certgate.revocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link RevocationChecker} says about one certificate: GOOD, REVOKED (reason, time,
 * source) or UNKNOWN (cause). Immutable.
 */
public final class RevocationStatus {

    public enum Kind {
        GOOD,
        REVOKED,
        UNKNOWN
    }

    private final Kind kind;
    private final RevocationReason reason;
    private final Instant revokedAt;
    private final String source;
    private final String cause;

    private RevocationStatus(Kind kind, RevocationReason reason, Instant revokedAt, String source, String cause) {
        this.kind = kind;
        this.reason = reason;
        this.revokedAt = revokedAt;
        this.source = source;
        this.cause = cause;
    }

    /** Not revoked, according to source (e.g. "crl file:/etc/ca.crl", "ocsp http://ocsp.example"). */
    public static RevocationStatus good(String source) {
        return new RevocationStatus(Kind.GOOD, null, null, Objects.requireNonNull(source), null);
    }

    public static RevocationStatus revoked(RevocationReason reason, Instant revokedAt, String source) {
        return new RevocationStatus(
                Kind.REVOKED,
                Objects.requireNonNull(reason),
                Objects.requireNonNull(revokedAt),
                Objects.requireNonNull(source),
                null);
    }

    /** No usable answer; cause says why (for logs). */
    public static RevocationStatus unknown(String cause) {
        return new RevocationStatus(Kind.UNKNOWN, null, null, null, Objects.requireNonNull(cause));
    }

    public Kind kind() {
        return kind;
    }

    public boolean isGood() {
        return kind == Kind.GOOD;
    }

    public boolean isRevoked() {
        return kind == Kind.REVOKED;
    }

    public boolean isUnknown() {
        return kind == Kind.UNKNOWN;
    }

    /** Present when REVOKED. */
    public Optional<RevocationReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** Present when REVOKED. */
    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    /** Where the answer came from; present when GOOD or REVOKED. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** Why there is no answer; present when UNKNOWN. */
    public Optional<String> cause() {
        return Optional.ofNullable(cause);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevocationStatus other
                && kind == other.kind
                && reason == other.reason
                && Objects.equals(revokedAt, other.revokedAt)
                && Objects.equals(source, other.source)
                && Objects.equals(cause, other.cause);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, reason, revokedAt, source, cause);
    }

    @Override
    public String toString() {
        switch (kind) {
            case GOOD:
                return "GOOD (" + source + ")";
            case REVOKED:
                return "REVOKED " + reason + " at " + revokedAt + " (" + source + ")";
            default:
                return "UNKNOWN (" + cause + ")";
        }
    }
}
