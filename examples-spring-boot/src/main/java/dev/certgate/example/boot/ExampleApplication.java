package dev.certgate.example.boot;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An API protected by certgate: certgate lets through only clients with a certificate from the
 * clients' CA (application.yml) and names the user after the certificate; Spring Security decides
 * what that user may do, with roles from certgate's role rules.
 */
@SpringBootApplication
@EnableMethodSecurity
public class ExampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/**")
                        .hasRole("admin")
                        .anyRequest()
                        .authenticated())
                .csrf(c -> c.disable()); // a stateless API: no session, no cookies
        return http.build();
    }

    @RestController
    static class Api {
        @GetMapping("/api/hello")
        Map<String, Object> hello(Authentication user) {
            return Map.of(
                    "hello",
                    user.getName(),
                    "roles",
                    user.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .sorted()
                            .toList());
        }

        @GetMapping("/api/admin/report")
        @PreAuthorize("hasRole('admin')")
        Map<String, Object> report(Authentication user) {
            return Map.of("report", "for administrators only", "reader", user.getName());
        }
    }
}
