package dev.certgate.principal;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

import dev.certgate.facts.CertificateFacts;

/**
 * Which part of a verified client certificate names the user. Each reads the leaf certificate
 * structurally (DNs through {@link LdapName}, SANs from the extension), never with regular expressions.
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

    /** The name this identity gives the certificate, or empty when the certificate has no such part. */
    Optional<String> nameOf(CertificateFacts facts) {
        switch (this) {
            case SUBJECT_CN:
                return commonName(facts.leaf());
            case SUBJECT_DN:
                return nonEmpty(facts.subjectDn());
            case FINGERPRINT_SHA256:
                return nonEmpty(facts.fingerprintSha256());
            case SAN_DNS:
                return first(facts.subjectAltNames().dns());
            case SAN_URI:
                return first(facts.subjectAltNames().uri());
            case SAN_EMAIL:
                return first(facts.subjectAltNames().email());
            case SAN_IP:
                return first(facts.subjectAltNames().ip());
            default:
                throw new IllegalStateException("unhandled identity " + this);
        }
    }

    static Optional<String> commonName(X509Certificate leaf) {
        try {
            List<Rdn> rdns = new LdapName(leaf.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns();
            // LdapName lists RDNs right to left; the left-most CN is the last one found here.
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return nonEmpty(String.valueOf(rdns.get(i).getValue()));
                }
            }
            return Optional.empty();
        } catch (InvalidNameException | RuntimeException e) {
            return Optional.empty(); // an unparseable subject names nobody
        }
    }

    private static Optional<String> first(List<String> values) {
        return values.isEmpty() ? Optional.empty() : nonEmpty(values.get(0));
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
