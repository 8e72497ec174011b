package dev.certgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.CertGateFilter;
import dev.certgate.demo.JettyLauncher;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The foundation end to end: Jetty 12 over real TLS, client certificates requested and every one
 * let through the handshake, certgate deciding per host with per-host CAs.
 */
class MtlsHostsIT {
    private static Pki pki;
    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        pki = new Pki();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(CertGateFilter.class);
        filter.setName("certgate");
        filter.setInitParameter("certgate.hosts", "api,partners");
        filter.setInitParameter("certgate.host.api.names", "api.example.com");
        filter.setInitParameter("certgate.host.api.trust", "file:" + pki.apiCaPem);
        filter.setInitParameter("certgate.host.partners.names", "*.partners.example.com");
        filter.setInitParameter("certgate.host.partners.trust", pki.partnersCaPem.toString());
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HelloServlet()), "/*");
        server = JettyLauncher.start(context, pki.serverKeyStore, 0, false);
        port = JettyLauncher.port(server);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void validClientCertificateIsServed(String protocol) throws Exception {
        HttpResponse<String> r =
                client(pki.apiCa.leaf("CN=alice").issue(), protocol).get(port, "api.example.com", "/x");
        assertEquals(200, r.statusCode());
        assertEquals("hello CN=alice", r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void noCertificateIsBlockedWithAProblemDocument(String protocol) throws Exception {
        HttpResponse<String> r = client(null, protocol).get(port, "api.example.com", "/x");
        assertEquals(403, r.statusCode());
        assertEquals(
                "application/problem+json",
                r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("\"status\":403"), r.body());
        assertFalse(r.body().contains("mtls") || r.body().contains("certificate"), "no internals: " + r.body());
    }

    @Test
    void unknownCaIsBlockedAlthoughTheHandshakeAcceptedIt() throws Exception {
        assertEquals(
                403,
                client(pki.strangerCa.leaf("CN=mallory").issue())
                        .get(port, "api.example.com", "/")
                        .statusCode());
    }

    @Test
    void clientSendingItsOwnRootIsNotTrusted() throws Exception {
        // The stranger's chain includes its self-signed root: a CA the client sends is never an anchor.
        TestIdentity id = pki.strangerCa
                .intermediate("CN=stranger issuing")
                .leaf("CN=mallory")
                .issue();
        assertEquals(403, client(id).get(port, "api.example.com", "/").statusCode());
    }

    @Test
    void expiredCertificateIsBlocked() throws Exception {
        assertEquals(
                403,
                client(pki.apiCa.leaf("CN=old").expired().issue())
                        .get(port, "api.example.com", "/")
                        .statusCode());
    }

    @Test
    void certificateNotForClientAuthIsBlocked() throws Exception {
        TestIdentity serverOnly = pki.apiCa.leaf("CN=a server").server().issue();
        assertEquals(403, client(serverOnly).get(port, "api.example.com", "/").statusCode());
    }

    @Test
    void chainThroughAnIntermediateVerifies() throws Exception {
        TestCa issuing = pki.apiCa.intermediate("CN=it api issuing CA");
        assertEquals(
                200,
                client(issuing.leaf("CN=bob").issue())
                        .get(port, "api.example.com", "/")
                        .statusCode());
    }

    @Test
    void hostOutsideEveryGroupIsBlockedByDefault() throws Exception {
        assertEquals(403, client(null).get(port, "public.example.com", "/").statusCode());
        assertEquals(
                403,
                client(pki.apiCa.leaf("CN=alice").issue())
                        .get(port, "public.example.com", "/")
                        .statusCode());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "API.Example.com.:8443",
                "api.example.com:443",
                "Api.EXAMPLE.com.",
                "api.example.com..",
                "x.Partners.Example.COM",
                "deep.x.partners.example.com:1"
            })
    void hostVariantsDoNotSlipPastTheRule(String host) throws Exception {
        assertEquals(403, client(null).get(port, host, "/").statusCode(), host);
    }

    @Test
    void eachHostAcceptsOnlyItsOwnCa() throws Exception {
        TestIdentity partner = pki.partnersCa.leaf("CN=partner").issue();
        TestIdentity apiClient = pki.apiCa.leaf("CN=api client").issue();
        assertEquals(
                200, client(partner).get(port, "x.partners.example.com", "/").statusCode());
        assertEquals(
                403, client(apiClient).get(port, "x.partners.example.com", "/").statusCode());
        assertEquals(403, client(partner).get(port, "api.example.com", "/").statusCode());
        assertEquals(200, client(apiClient).get(port, "api.example.com", "/").statusCode());
    }

    @Test
    void wildcardDoesNotCoverTheParentName() throws Exception {
        // *.partners.example.com is not partners.example.com: that host is in no group, so blocked
        // even for a partner.
        assertEquals(
                403,
                client(pki.partnersCa.leaf("CN=partner").issue())
                        .get(port, "partners.example.com", "/")
                        .statusCode());
    }

    private static HttpsClient client(TestIdentity identity) throws Exception {
        return HttpsClient.create(identity, pki.serverCa.certificate());
    }

    private static HttpsClient client(TestIdentity identity, String protocol) throws Exception {
        return HttpsClient.create(identity, pki.serverCa.certificate(), protocol);
    }

    /** Answers with the subject the application sees. */
    static final class HelloServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Object chain = req.getAttribute("jakarta.servlet.request.X509Certificate");
            String subject = chain instanceof java.security.cert.X509Certificate[] c
                    ? c[0].getSubjectX500Principal().getName()
                    : "nobody";
            resp.setContentType("text/plain");
            resp.getWriter().print("hello " + subject);
        }
    }
}
