package dev.certgate.revocation;

/** Temporary stand-in until the revocation branch lands. */
public final class RevocationResult {
    public enum Status { GOOD, REVOKED, UNKNOWN, UNCHECKED }

    static final RevocationResult UNCHECKED = new RevocationResult();

    public Status status() {
        return Status.UNCHECKED;
    }

    public boolean revoked() {
        return false;
    }

    public String detail() {
        return "";
    }
}
