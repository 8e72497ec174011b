package dev.certgate.boot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.CertGateFilter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.WebApplicationContext;

/**
 * One real Boot application (this module's Boot version and container) over real TLS, configured
 * from application.yml plus environment variables, with Spring Security, method security and Actuator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertGateBootIT {
    static BootPki pki;
    static ConfigurableApplicationContext app;
    static int port;
    static HttpClient alice;
    static HttpClient bob;
    static HttpClient none;
    static HttpClient stranger;
    static HttpClient revoked;

    @BeforeAll
    static void start() throws Exception {
        pki = BootPki.create("app");
        app = BootApps.start(
                pki,
                Map.of(
                        "CERTGATE_HOST_API_PRINCIPAL",
                        "subject.cn",
                        "CERTGATE_HOST_API_ROLES",
                        "admin",
                        "CERTGATE_HOST_API_ROLE_ADMIN_EXPRESSION",
                        "any(certgate.tls_client_auth.san.uri[*] == \"spiffe://corp/admin\")"));
        port = BootApps.port(app);
        alice = BootApps.client(pki, pki.alice);
        bob = BootApps.client(pki, pki.bob);
        none = BootApps.client(pki, null);
        stranger = BootApps.client(pki, pki.stranger);
        revoked = BootApps.client(pki, pki.revoked);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static void assertCertGateBlock(HttpResponse<String> r) {
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("content-type").orElse("").contains("problem+json"),
                "certgate's block response, not Spring Security's: "
                        + r.headers().map());
    }

    @Test
    void validCertificatePassesTheOthersAreBlockedByCertgate() throws Exception {
        assertEquals(200, BootApps.get(alice, port, "/whoami").statusCode());
        assertCertGateBlock(BootApps.get(none, port, "/whoami"));
        assertCertGateBlock(BootApps.get(stranger, port, "/whoami"));
        assertCertGateBlock(BootApps.get(revoked, port, "/whoami"));
    }

    @Test
    void controllerSeesTheCertificatesPrincipalAndRoles() throws Exception {
        HttpResponse<String> a = BootApps.get(alice, port, "/whoami");
        assertEquals("principal=alice admin=true auth=alice authorities=[ROLE_admin]", a.body());
        HttpResponse<String> b = BootApps.get(bob, port, "/whoami");
        assertEquals("principal=bob admin=false auth=bob authorities=[]", b.body());
    }

    @Test
    void preAuthorizeDecidesOnTheRolesFromCertgatesRules() throws Exception {
        HttpResponse<String> a = BootApps.get(alice, port, "/admin");
        assertEquals(200, a.statusCode(), a.body());
        assertEquals("admin area: alice", a.body());
        HttpResponse<String> b = BootApps.get(bob, port, "/admin");
        assertEquals(403, b.statusCode());
        assertTrue(
                !b.headers().firstValue("content-type").orElse("").contains("problem+json"),
                "Spring Security's 403 (certgate let bob through)");
    }

    @Test
    void registeredOnceAsCertgateAlthoughTheApplicationDeclaresItToo() {
        ServletContext servletContext = ((WebApplicationContext) app).getServletContext();
        List<String> certgates = servletContext.getFilterRegistrations().entrySet().stream()
                .filter(e -> CertGateFilter.class.getName().equals(e.getValue().getClassName()))
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(List.of("certgate"), certgates);
        FilterRegistration registration = servletContext.getFilterRegistration("certgate");
        assertEquals(List.of("/*"), List.copyOf(registration.getUrlPatternMappings()));
        assertEquals(app.getBean("certgateFilter"), app.getBean("applicationsOwnCertGate"));
    }

    @Test
    void actuatorHealthAndMetricsAfterTraffic() throws Exception {
        BootApps.get(none, port, "/whoami");
        BootApps.get(none, port, "/whoami");
        BootApps.get(revoked, port, "/whoami");
        HttpResponse<String> health = BootApps.get(alice, port, "/actuator/health/certgate");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        assertTrue(health.body().contains("\"mode\":\"enforce\""), health.body());

        long mtls = metric("/actuator/metrics/certgate.rule.matches?tag=rule:mtls");
        long revokedBlocks = metric("/actuator/metrics/certgate.rule.matches?tag=rule:revoked");
        assertTrue(mtls >= 2, "no-certificate requests counted by the mTLS rule: " + mtls);
        assertTrue(revokedBlocks >= 1, "revoked requests counted: " + revokedBlocks);

        HttpResponse<String> expiry = BootApps.get(alice, port, "/actuator/metrics/certgate.anchor.expiry.days");
        assertEquals(200, expiry.statusCode(), expiry.body());
        long verified = metric("/actuator/metrics/certgate.verifications?tag=result:verified");
        assertTrue(verified >= 2, "alice's and bob's chains verified: " + verified);
        HttpResponse<String> crl = BootApps.get(alice, port, "/actuator/health/certgate");
        assertTrue(crl.body().contains("\"loaded\":true"), "the CRL's state in the health: " + crl.body());
        HttpResponse<String> info = BootApps.get(alice, port, "/actuator/info");
        assertTrue(info.body().contains("certgate Boot test clients CA"), info.body());
    }

    /** Last: Boot reloads the SSL bundle and rebuilds the connector's TLS; certgate's handshake settings come back. */
    @Test
    @Order(Integer.MAX_VALUE)
    void afterBootReloadsTheSslBundleCertgateStillDecides() throws Exception {
        BigInteger renewed = pki.renewServerCertificate();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!renewed.equals(pki.serverSerial(port))) {
            assertTrue(System.nanoTime() < deadline, "Boot did not reload the SSL bundle within 30 s");
            Thread.sleep(200);
        }
        // New clients: new connections, new handshakes with the reloaded configuration. Boot's own
        // handler has rebuilt the TLS configuration (its trust store: the client would send no
        // certificate, or fail); the starter's handler, run right after it, brings certgate's back.
        HttpResponse<String> valid = null;
        while (System.nanoTime() < deadline) {
            try {
                valid = BootApps.get(BootApps.client(pki, pki.alice), port, "/whoami");
                if (valid.statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException handshakeRefused) {
                valid = null; // Boot's configuration for a moment, before the starter's handler ran again
            }
            Thread.sleep(200);
        }
        assertTrue(
                valid != null && valid.statusCode() == 200,
                "a valid client passes again after the reload: " + (valid == null ? "handshake failed" : valid.body()));
        assertCertGateBlock(BootApps.get(BootApps.client(pki, pki.stranger), port, "/whoami"));
        assertCertGateBlock(BootApps.get(BootApps.client(pki, null), port, "/whoami"));
    }

    private static long metric(String path) throws Exception {
        HttpResponse<String> r = BootApps.get(alice, port, path);
        assertEquals(200, r.statusCode(), r.body());
        Matcher m =
                Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.E]+)").matcher(r.body());
        assertTrue(m.find(), r.body());
        return (long) Double.parseDouble(m.group(1));
    }
}
