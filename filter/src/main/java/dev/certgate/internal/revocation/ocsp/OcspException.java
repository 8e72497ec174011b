package dev.certgate.internal.revocation.ocsp;

/** No usable OCSP answer; the message says why. */
final class OcspException extends Exception {
    OcspException(String message) {
        super(message);
    }

    OcspException(String message, Throwable cause) {
        super(message, cause);
    }
}
