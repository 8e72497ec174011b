package dev.certgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.CertGateFilter;
import dev.certgate.demo.JettyLauncher;
import dev.certgate.testing.LeafBuilder;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestHttpServer;
import dev.certgate.testing.TestIdentity;
import dev.certgate.testing.TestOcspResponder;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.bouncycastle.asn1.x509.CRLReason;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Revocation end to end: Jetty over real TLS, Cloudflare's revoked rule, a real HTTP server
 * serving the CA's CRL and a real OCSP responder, both of which fail on demand.
 */
class RevocationIT {
    /** Cloudflare's mTLS rule with the revocation check. */
    private static final String REVOKED_RULE =
            "not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked";

    private static final Instant FIXED_NOW = Instant.now();
    private static TestCa ca;
    private static Pki pki;
    private static TestHttpServer crlServer;
    private static TestOcspResponder ocsp;
    private static Server server;
    private static int port;
    private static BigInteger revokedInCrl;

    @BeforeAll
    static void start() throws Exception {
        pki = new Pki();
        ca = TestCa.root("CN=revocation it CA,O=certgate test", FIXED_NOW);
        Path caPem = Files.createTempDirectory(
                        Files.createDirectories(Path.of("target").toAbsolutePath()), "certgate-rev")
                .resolve("ca.pem");
        Files.writeString(caPem, TestIdentity.pem(ca.certificate()));

        revokedInCrl = BigInteger.valueOf(7_000_001);
        crlServer = TestHttpServer.crlServer();
        crlServer.serve(
                ca.crl()
                        .thisUpdate(FIXED_NOW.minus(Duration.ofMinutes(5)))
                        .nextUpdate(FIXED_NOW.plus(Duration.ofDays(1)))
                        .revoke(revokedInCrl, CRLReason.keyCompromise)
                        .build(),
                "Wed, 25 Nov 2026 10:00:00 GMT");
        ocsp = new TestOcspResponder(ca);
        ocsp.now = FIXED_NOW;

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(CertGateFilter.class);
        filter.setName("certgate");
        filter.setInitParameter("certgate.trust", caPem.toString());
        filter.setInitParameter("certgate.hosts", "crl,ocsp-hard,ocsp-soft");
        group(filter, "crl");
        filter.setInitParameter("certgate.host.crl.revocation.checkers", "crl");
        filter.setInitParameter("certgate.host.crl.revocation.crl.sources", crlServer.url("/ca.crl"));
        for (String failure : new String[] {"hard", "soft"}) {
            String id = "ocsp-" + failure;
            group(filter, id);
            filter.setInitParameter("certgate.host." + id + ".revocation.checkers", "ocsp");
            filter.setInitParameter("certgate.host." + id + ".revocation.ocsp.responder", ocsp.url());
            filter.setInitParameter("certgate.host." + id + ".revocation.failure", failure);
            filter.setInitParameter("certgate.host." + id + ".revocation.ocsp.connect-timeout", "1s");
            filter.setInitParameter("certgate.host." + id + ".revocation.ocsp.read-timeout", "2s");
        }
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.getWriter().print("ok");
                    }
                }),
                "/*");
        server = JettyLauncher.start(context, pki.serverKeyStore, 0, false);
        port = JettyLauncher.port(server);
    }

    private static void group(FilterHolder filter, String id) {
        filter.setInitParameter("certgate.host." + id + ".names", id + ".example.com");
        filter.setInitParameter("certgate.host." + id + ".mtls", "false");
        filter.setInitParameter("certgate.host." + id + ".rules", "revoked");
        filter.setInitParameter("certgate.host." + id + ".rule.revoked.expression", REVOKED_RULE);
        filter.setInitParameter("certgate.host." + id + ".rule.revoked.action", "block");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (crlServer != null) {
            crlServer.close();
        }
        if (ocsp != null) {
            ocsp.close();
        }
    }

    private static TestIdentity client(String cn, BigInteger serial) {
        LeafBuilder b = ca.leaf("CN=" + cn + ",O=certgate test")
                .validity(FIXED_NOW.minus(Duration.ofHours(1)), FIXED_NOW.plus(Duration.ofDays(30)));
        if (serial != null) {
            b.serial(serial);
        }
        return b.issue();
    }

    private static int get(TestIdentity id, String host) throws Exception {
        return HttpsClient.create(id, pki.serverCa.certificate())
                .get(port, host, "/")
                .statusCode();
    }

    @Test
    void crlRevokedClientIsBlockedAndAGoodOneServed() throws Exception {
        assertEquals(200, get(client("crl good", null), "crl.example.com"));
        assertEquals(403, get(client("crl revoked", revokedInCrl), "crl.example.com"));
        assertEquals(403, get(null, "crl.example.com"));
    }

    @Test
    void ocspRevokedClientIsBlockedAndAGoodOneServed() throws Exception {
        TestIdentity revoked = client("ocsp revoked", BigInteger.valueOf(8_000_001));
        ocsp.revoked.add(revoked.certificate().getSerialNumber());
        assertEquals(200, get(client("ocsp good", null), "ocsp-hard.example.com"));
        assertEquals(403, get(revoked, "ocsp-hard.example.com"));
    }

    @Test
    void responderOutageBehindAFreshCachedAnswerIsInvisible() throws Exception {
        TestIdentity good = client("cached", null);
        assertEquals(200, get(good, "ocsp-hard.example.com"));
        int requests = ocsp.requests();
        ocsp.down = true;
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, get(good, "ocsp-hard.example.com"));
            }
            assertEquals(requests, ocsp.requests(), "answered from the cache, the responder was not asked");
        } finally {
            ocsp.down = false;
        }
    }

    @Test
    void responderOutageWithoutAnswerFailsHardOrSoftAsConfigured() throws Exception {
        ocsp.down = true;
        try {
            assertEquals(403, get(client("never seen hard", null), "ocsp-hard.example.com"));
            assertEquals(200, get(client("never seen soft", null), "ocsp-soft.example.com"));
            assertTrue(ocsp.requests() > 0);
        } finally {
            ocsp.down = false;
        }
    }
}
