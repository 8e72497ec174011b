package dev.certgate.boot.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.boot.CertGateConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A bad certgate setting, wherever it comes from, stops the Boot application with the property and position. */
class StartupFailureIT {
    static BootPki pki;

    @BeforeAll
    static void pki() throws Exception {
        pki = BootPki.create("failures");
    }

    private static CertGateConfigurationException failure(Map<String, String> env, String... properties) {
        Throwable thrown = assertThrows(
                Throwable.class, () -> BootApps.start(pki, env, properties).close());
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CertGateConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("start-up failed, but not for certgate's configuration", thrown);
    }

    @Test
    void unknownKeyFromApplicationProperties() {
        CertGateConfigurationException e = failure(Map.of(), "certgate.host.api.trsut=/etc/ca.pem");
        assertTrue(e.getMessage().contains("certgate.host.api.trsut"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown certgate property"), e.getMessage());
    }

    @Test
    void unknownKeyFromAnEnvironmentVariable() {
        CertGateConfigurationException e = failure(Map.of("CERTGATE_HOST_API_TRSUT", "/etc/ca.pem"));
        assertTrue(e.getMessage().contains("certgate.host.api.trsut"), e.getMessage());
    }

    @Test
    void badExpressionNamesThePropertyAndPosition() {
        CertGateConfigurationException e =
                failure(Map.of(), "certgate.host.api.rule.revoked.expression=cf.tls_client_auth.cert_revoked and");
        assertTrue(e.getMessage().contains("certgate.host.api.rule.revoked.expression"), e.getMessage());
        assertTrue(e.getMessage().contains("1:"), "line:column in " + e.getMessage());
    }

    @Test
    void certgateMustRunBeforeSpringSecurity() {
        CertGateConfigurationException e = failure(Map.of(), "certgate.boot.filter.order=0");
        assertTrue(e.getMessage().contains("certgate.boot.filter.order"), e.getMessage());
    }
}
