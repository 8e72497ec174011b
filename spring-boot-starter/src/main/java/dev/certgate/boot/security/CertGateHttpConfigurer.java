package dev.certgate.boot.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.authentication.preauth.x509.X509AuthenticationFilter;

/**
 * Adds {@link CertificateAuthenticationFilter} to every {@code HttpSecurity} Spring Security builds:
 * listed in {@code META-INF/spring.factories} as a default {@link AbstractHttpConfigurer}, which
 * Spring Security applies to each filter chain, the application's own included. It sits where
 * {@code x509()} would, so an {@code x509()} login, when configured, comes first.
 */
public final class CertGateHttpConfigurer extends AbstractHttpConfigurer<CertGateHttpConfigurer, HttpSecurity> {
    @Override
    public void configure(HttpSecurity http) {
        CertificateAuthenticationFilter filter = new CertificateAuthenticationFilter();
        filter.setSecurityContextHolderStrategy(getSecurityContextHolderStrategy());
        http.addFilterAfter(filter, X509AuthenticationFilter.class);
    }
}
