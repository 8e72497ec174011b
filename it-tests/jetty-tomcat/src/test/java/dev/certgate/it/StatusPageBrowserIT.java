package dev.certgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.demo.DemoPki;
import dev.certgate.demo.JettyLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The status page in a real browser: the shipped example WAR in Jetty over HTTPS with the page
 * enabled for loopback clients, loaded by headless Chromium; assertions run on the rendered DOM,
 * the "test this certificate" form and the reload button are used as an operator would, and
 * screenshots are kept under target/browser/. Runs with -Pbrowser (Debian's chromium and
 * chromium-driver).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageBrowserIT {
    private static final Map<String, String> SETTINGS = Map.of(
            // The page for loopback clients only; the rest of the API still needs a client certificate.
            "certgate.status.enabled",
            "true",
            "certgate.status.rule",
            "ip.src in {127.0.0.1 ::1}",
            "certgate.host.api.rules",
            "health,status,require-cert",
            "certgate.host.api.rule.status.expression",
            "starts_with(http.request.uri.path, \"/certgate/status\") and ip.src in {127.0.0.1 ::1}",
            "certgate.host.api.rule.status.action",
            "allow",
            "certgate.reload.interval",
            "off");

    private Server server;
    private int port;
    private Path pki;
    private Path out;

    @BeforeAll
    void start() throws Exception {
        Chromium.requireInstalled();
        Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
        out = Files.createDirectories(target.resolve("browser"));
        pki = Files.createTempDirectory(target, "browser-pki");
        DemoPki.ensure(pki);
        SETTINGS.forEach(System::setProperty);
        Path war = Path.of(System.getProperty("it.war"));
        assertTrue(Files.isRegularFile(war), "build the example WAR first: " + war);
        WebAppContext app = JettyLauncher.webApp(war);
        app.setInitParameter("certgate.trust", "file:" + pki.resolve("ca.pem"));
        server = JettyLauncher.start(app, pki.resolve("server.p12"), 0, true);
        port = JettyLauncher.port(server);
    }

    @AfterAll
    void stop() throws Exception {
        SETTINGS.keySet().forEach(System::clearProperty);
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theOperatorSeesThePolicyTestsACertificateAndReloads() throws Exception {
        String page = "https://localhost:" + port + "/certgate/status";
        try (Chromium browser =
                new Chromium(Files.createTempDirectory(out, "profile"), out.resolve("chromedriver.log"))) {
            browser.open(page);
            assertEquals("certgate status", browser.title());
            assertEquals("1", browser.text("#policy-version"));
            assertTrue(
                    browser.text("#groups").contains("localhost, 127.0.0.1, api.example.com"), browser.text("#groups"));
            assertTrue(
                    browser.text("#groups").contains("CN=certgate demo clients CA,O=certgate demo"),
                    "the group's anchors with their expiry: " + browser.text("#groups"));
            assertEquals(4, browser.count("#rules tbody tr"), "health, status, require-cert and unmatched-host");
            assertTrue(browser.text("#rules").contains("require-cert"));
            assertEquals("None.", browser.text("#reload-errors"));
            assertEquals(
                    "",
                    browser.script("return performance.getEntriesByType('resource').map(e => e.name).join(' ')"),
                    "the page loads nothing else: no style sheet, script, font or image from anywhere");
            assertEquals("en", browser.script("return document.documentElement.lang"));
            assertEquals(
                    0L,
                    ((Number) browser.script("return [...document.querySelectorAll('input,textarea')]"
                                    + ".filter(e => e.type !== 'hidden' && !document.querySelector('label[for=\"' + e.id + '\"]'))"
                                    + ".length"))
                            .longValue(),
                    "every form field has a label");
            browser.screenshot(out.resolve("status.png"));

            // Test the demo's client certificate against the running policy, as the CLI would.
            browser.type("#pem", Files.readString(pki.resolve("client.pem")));
            browser.type("#path", "/api/hello");
            browser.submit("#test button[type=submit]");
            assertEquals("passed", browser.text("#test-decision"));
            assertEquals("true", browser.text("#test-verified"));
            assertTrue(browser.text("#test-fields").contains("cf.tls_client_auth.cert_subject_dn"));
            browser.screenshot(out.resolve("status-test-client.png"));

            browser.type("#pem", Files.readString(pki.resolve("stranger.pem")));
            browser.type("#path", "/api/hello");
            browser.submit("#test button[type=submit]");
            assertEquals("blocked", browser.text("#test-decision"));
            assertEquals("require-cert", browser.text("#test-rule"));
            assertEquals("false", browser.text("#test-verified"));

            browser.submit("#policy button[type=submit]");
            assertEquals("reloaded", browser.text("#reload-outcome strong"));
            assertEquals("2", browser.text("#policy-version"));
            browser.screenshot(out.resolve("status-reloaded.png"));
        }
    }
}
