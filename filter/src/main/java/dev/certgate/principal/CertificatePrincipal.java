package dev.certgate.principal;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Set;

/**
 * The user a verified client certificate names: what {@code getUserPrincipal()} returns for a
 * request certgate let through when principal mapping is on. Immutable; the roles are those whose
 * rules matched this request.
 */
public final class CertificatePrincipal implements Principal {
    private final String name;
    private final Identity identity;
    private final X509Certificate certificate;
    private final String hostGroup;
    private final Set<String> roles;

    public CertificatePrincipal(
            String name, Identity identity, X509Certificate certificate, String hostGroup, Set<String> roles) {
        this.name = Objects.requireNonNull(name);
        this.identity = identity;
        this.certificate = certificate;
        this.hostGroup = hostGroup;
        this.roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return name;
    }

    /** Which part of the certificate the name is. */
    public Identity identity() {
        return identity;
    }

    /** The verified leaf certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The host group whose anchors verified the certificate and whose role rules were evaluated. */
    public String hostGroup() {
        return hostGroup;
    }

    /** The roles granted to this request (role names as configured, without any prefix). */
    public Set<String> roles() {
        return roles;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificatePrincipal p
                && p.name.equals(name)
                && p.identity == identity
                && p.certificate.equals(certificate);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "CertificatePrincipal[" + identity.configName() + "=" + name + ", roles=" + roles + "]";
    }
}
