package dev.certgate.boot.it;

import dev.certgate.CertGateFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A Boot application with Spring Security and method security, which also declares certgate itself. */
@SpringBootApplication
@EnableMethodSecurity
public class TestApp {
    /** Declared although the starter registers certgate: it must still run once. */
    @Bean
    CertGateFilter applicationsOwnCertGate() {
        return new CertGateFilter();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .csrf(c -> c.disable());
        return http.build();
    }

    @RestController
    static class Api {
        @GetMapping("/whoami")
        String whoami(HttpServletRequest request, Authentication authentication) {
            return "principal="
                    + (request.getUserPrincipal() == null
                            ? "-"
                            : request.getUserPrincipal().getName())
                    + " admin=" + request.isUserInRole("admin")
                    + " auth=" + authentication.getName()
                    + " authorities=" + authentication.getAuthorities();
        }

        @GetMapping("/admin")
        @PreAuthorize("hasRole('admin')")
        String admin(Authentication authentication) {
            return "admin area: " + authentication.getName();
        }
    }
}
