package dev.certgate.internal.revocation.crl;

/** A CRL that can't be used; the message says why (it ends up in UNKNOWN causes and logs). */
final class CrlException extends Exception {
    CrlException(String message) {
        super(message);
    }

    CrlException(String message, Throwable cause) {
        super(message, cause);
    }
}
