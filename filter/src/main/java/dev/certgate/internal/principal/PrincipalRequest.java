package dev.certgate.internal.principal;

import dev.certgate.principal.CertificatePrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * A request whose user is the verified client certificate: {@code getUserPrincipal()},
 * {@code getRemoteUser()}, {@code isUserInRole()} and {@code getAuthType()} answer from certgate's
 * mapping instead of the container's login. Works in every servlet container.
 */
final class PrincipalRequest extends HttpServletRequestWrapper {
    private final CertificatePrincipal principal;

    PrincipalRequest(HttpServletRequest request, CertificatePrincipal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    /** Only certgate's roles: the container's roles belong to whatever its own login decided, not to this user. */
    @Override
    public boolean isUserInRole(String role) {
        return role != null && principal.roles().contains(role);
    }

    @Override
    public String getAuthType() {
        return HttpServletRequest.CLIENT_CERT_AUTH;
    }
}
