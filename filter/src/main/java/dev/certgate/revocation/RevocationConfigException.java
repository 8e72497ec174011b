package dev.certgate.revocation;

/** Temporary stand-in until the revocation branch lands. */
public final class RevocationConfigException extends Exception {
    public RevocationConfigException(String message) {
        super(message);
    }
}
