package dev.certgate.internal.principal;

import dev.certgate.internal.facts.CertificateFacts;
import dev.certgate.principal.Identity;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** Reads the part of a verified certificate that an {@link Identity} names, structurally. */
final class IdentityNames {
    private IdentityNames() {}

    /** The name this identity gives the certificate, or empty when the certificate has no such part. */
    static Optional<String> nameOf(Identity identity, CertificateFacts facts) {
        switch (identity) {
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
                throw new IllegalStateException("unhandled identity " + identity);
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
