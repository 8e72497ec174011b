package dev.certgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.demo.JettyLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example WAR as built, in Jetty 12 ee10, declared in web.xml and configured by its
 * microprofile-config.properties (SmallRye Config bundled); only the trust anchor comes from the
 * deployment (a context-param here).
 */
class ExampleWarIT {
    private static Pki pki;
    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        pki = new Pki();
        Path war = Path.of(System.getProperty("it.war"));
        assertTrue(Files.isRegularFile(war), "build the example WAR first: " + war);
        WebAppContext app = JettyLauncher.webApp(war);
        app.setInitParameter("certgate.trust", "file:" + pki.apiCaPem);
        server = JettyLauncher.start(app, pki.serverKeyStore, 0, true);
        port = JettyLauncher.port(server);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void validClientGets200() throws Exception {
        var r = HttpsClient.create(pki.apiCa.leaf("CN=demo").issue(), pki.serverCa.certificate())
                .get(port, null, "/api/whoami");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("CN=demo"), r.body());
    }

    @Test
    void noCertificateGets403() throws Exception {
        assertEquals(
                403,
                HttpsClient.create(null, pki.serverCa.certificate())
                        .get(port, null, "/api/hello")
                        .statusCode());
    }

    @Test
    void strangerGets403() throws Exception {
        assertEquals(
                403,
                HttpsClient.create(pki.strangerCa.leaf("CN=x").issue(), pki.serverCa.certificate())
                        .get(port, null, "/api/hello")
                        .statusCode());
    }

    @Test
    void healthIsPublic() throws Exception {
        assertEquals(
                200,
                HttpsClient.create(null, pki.serverCa.certificate())
                        .get(port, null, "/health")
                        .statusCode());
    }
}
