package dev.certgate.principal;

import java.util.Locale;
import java.util.Optional;

/**
 * Which part of a verified client certificate names the user. Each reads the leaf certificate
 * structurally (DNs through {@code LdapName}, SANs from the extension), never with regular expressions.
 * The accepted values are the catalogue's ({@code Keys.PRINCIPAL_IDENTITY}); a test keeps the two equal.
 */
public enum Identity {
    /** The subject's common name; with several CNs the left-most (most specific) one, as RFC 2253 prints it. */
    SUBJECT_CN,
    /** The whole subject DN in RFC 2253 form, as {@code cf.tls_client_auth.cert_subject_dn_rfc2253}. */
    SUBJECT_DN,
    /** The SHA-256 fingerprint of the leaf, lower-case hex, as {@code cf.tls_client_auth.cert_fingerprint_sha256}. */
    FINGERPRINT_SHA256,
    /** The first DNS name in the subject alternative names. */
    SAN_DNS,
    /** The first URI in the subject alternative names (e.g. a SPIFFE id). */
    SAN_URI,
    /** The first e-mail address (rfc822Name) in the subject alternative names. */
    SAN_EMAIL,
    /** The first IP address in the subject alternative names. */
    SAN_IP;

    /** The constant's name in the catalogue's spelling: {@code SAN_URI} is {@code san.uri}. */
    private final String configName = name().toLowerCase(Locale.ROOT).replace('_', '.');

    /** The value of {@code certgate.principal} that selects this identity. */
    public String configName() {
        return configName;
    }

    /** The identity of {@code value}; empty for {@code none}. */
    public static Optional<Identity> parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("none")) {
            return Optional.empty();
        }
        for (Identity i : values()) {
            if (i.configName.equals(v)) {
                return Optional.of(i);
            }
        }
        throw new IllegalArgumentException("expected none, " + choices() + ", got '" + value + "'");
    }

    public static String choices() {
        StringBuilder sb = new StringBuilder();
        for (Identity i : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(i.configName);
        }
        return sb.toString();
    }
}
