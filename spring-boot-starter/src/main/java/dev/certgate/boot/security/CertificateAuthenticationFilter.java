package dev.certgate.boot.security;

import dev.certgate.principal.CertificatePrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Inside Spring Security's chain: a request that certgate let through with a verified certificate
 * (its {@link CertificatePrincipal}) becomes an authenticated {@link PreAuthenticatedAuthenticationToken}
 * whose authorities are {@code ROLE_<role>} for each role certgate's role rules granted, so
 * {@code hasRole('admin')} and {@code @PreAuthorize} work on it. An authentication made earlier in
 * the chain (e.g. {@code x509()}) is kept. Nothing is stored in the session: the certificate is
 * presented on every request.
 */
public final class CertificateAuthenticationFilter extends OncePerRequestFilter {
    /** Spring Security's default role prefix, as {@code hasRole} expects it. */
    static final String ROLE_PREFIX = "ROLE_";

    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();
    private SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

    void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
        this.strategy = strategy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getUserPrincipal() instanceof CertificatePrincipal principal && unauthenticated()) {
            List<GrantedAuthority> authorities = principal.roles().stream()
                    .sorted()
                    .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(ROLE_PREFIX + role))
                    .toList();
            PreAuthenticatedAuthenticationToken token =
                    new PreAuthenticatedAuthenticationToken(principal, principal.certificate(), authorities);
            token.setDetails(details.buildDetails(request));
            SecurityContext context = strategy.createEmptyContext();
            context.setAuthentication(token);
            strategy.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private boolean unauthenticated() {
        Authentication current = strategy.getContext().getAuthentication();
        return current == null || current instanceof AnonymousAuthenticationToken;
    }
}
