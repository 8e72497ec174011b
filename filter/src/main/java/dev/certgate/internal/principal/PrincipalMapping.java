package dev.certgate.internal.principal;

import dev.certgate.internal.facts.ClientCertificate;
import dev.certgate.internal.facts.RequestFacts;
import dev.certgate.principal.CertificatePrincipal;
import dev.certgate.principal.Identity;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How one host group names the user of a verified certificate, and which roles it grants. Immutable.
 */
public final class PrincipalMapping {
    /** Principal mapping off: requests keep the container's user. */
    public static final PrincipalMapping OFF = new PrincipalMapping(null, List.of());

    private final Identity identity;
    private final List<RoleRule> roles;

    public PrincipalMapping(Identity identity, List<RoleRule> roles) {
        this.identity = identity;
        this.roles = List.copyOf(roles);
    }

    public boolean enabled() {
        return identity != null;
    }

    /** The identity, or empty when mapping is off. */
    public Optional<Identity> identity() {
        return Optional.ofNullable(identity);
    }

    /** The configured role names, in order. */
    public List<String> roleNames() {
        return roles.stream().map(RoleRule::role).toList();
    }

    /**
     * The request as the application should see it: wrapped with the certificate's user when the
     * certificate verified, is not revoked and has the configured identity; otherwise unchanged.
     */
    public HttpServletRequest apply(HttpServletRequest request, RequestFacts facts, String hostGroup) {
        Optional<CertificatePrincipal> principal = principal(facts, hostGroup);
        return principal.isPresent() ? asUser(request, principal.get()) : request;
    }

    /** {@code request} with {@code principal} as its user ({@code getUserPrincipal()}, {@code isUserInRole()}). */
    public static HttpServletRequest asUser(HttpServletRequest request, CertificatePrincipal principal) {
        return new PrincipalRequest(request, principal);
    }

    /**
     * The user of a request whose certificate verified, is not revoked and has the configured
     * identity; empty otherwise or when mapping is off. The role rules are evaluated here, once, on
     * the thread that decided the request.
     */
    public Optional<CertificatePrincipal> principal(RequestFacts facts, String hostGroup) {
        if (identity == null) {
            return Optional.empty();
        }
        ClientCertificate cert = facts.clientCertificate();
        if (!cert.presented() || !cert.verified() || cert.revoked()) {
            return Optional.empty();
        }
        Optional<String> name = IdentityNames.nameOf(identity, cert.facts());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Set<String> granted = new LinkedHashSet<>();
        for (RoleRule rule : roles) {
            if (rule.expression().matches(facts)) {
                granted.add(rule.role());
            }
        }
        return Optional.of(
                new CertificatePrincipal(name.get(), identity, cert.facts().leaf(), hostGroup, granted));
    }
}
