package dev.certgate.internal.forwarding;

/** A forwarded certificate header that does not decode to certificates; the message says why. */
final class MalformedCertificateHeader extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedCertificateHeader(String message) {
        super(message, null, false, false);
    }
}
