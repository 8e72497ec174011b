package dev.certgate.boot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code certgate.boot.connector.enabled=false}: the connector stays as Boot configured it (no
 * client-auth), so no client certificate is ever requested and certgate, still the gate, blocks
 * even a valid client's request for the mTLS host.
 */
class ConnectorOptOutIT {
    static BootPki pki;
    static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        pki = BootPki.create("opt-out");
        app = BootApps.start(pki, Map.of(), "certgate.boot.connector.enabled=false");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theConnectorIsLeftAloneSoNoCertificateIsRequested() throws Exception {
        HttpResponse<String> r = BootApps.get(BootApps.client(pki, pki.alice), BootApps.port(app), "/whoami");
        assertEquals(403, r.statusCode(), "the certificate was never asked for: " + r.body());
    }
}
