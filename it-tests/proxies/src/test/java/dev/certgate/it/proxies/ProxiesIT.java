package dev.certgate.it.proxies;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.CertGateFilter;
import dev.certgate.it.RawHttps;
import dev.certgate.testing.LeafBuilder;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestHttpServer;
import dev.certgate.testing.TestIdentity;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Real proxies in front of certgate: nginx and HAProxy (the Debian packages) terminate TLS, ask
 * for a client certificate without judging it, and forward it to Jetty over plain HTTP — nginx as
 * {@code $ssl_client_escaped_cert} (certgate: escaped-pem), HAProxy as RFC 9440 from
 * {@code ssl_c_der} (certgate: rfc9440). Each proxy connects from its own loopback address
 * (127.0.0.2, 127.0.0.3), which is the one its host group trusts; a client going straight to
 * Jetty comes from 127.0.0.1 and is a stranger whatever headers it writes.
 */
class ProxiesIT {
    private static final Instant NOW = Instant.now();
    private static final BigInteger REVOKED = BigInteger.valueOf(9_100_001);
    private static final String REVOKED_RULE =
            "not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked";

    private static Path dir;
    private static TestCa serverCa;
    private static TestCa clientCa;
    private static TestIdentity valid;
    private static TestIdentity stranger;
    private static TestIdentity expired;
    private static TestIdentity revoked;
    private static TestHttpServer crlServer;
    private static Server backend;
    private static int backendPort;
    private static ProxyProcess nginx;
    private static int nginxPort;
    private static ProxyProcess haproxy;
    private static int haproxyPort;

    @BeforeAll
    static void start() throws Exception {
        Path nginxBinary = ProxyProcess.binary("nginx", "nginx");
        Path haproxyBinary = ProxyProcess.binary("haproxy", "haproxy");
        dir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "proxies");

        serverCa = TestCa.root("CN=proxies it server CA");
        TestIdentity server = serverCa.leaf("CN=localhost")
                .server()
                .dns("localhost", "nginx.test", "haproxy.test")
                .ip("127.0.0.1")
                .issue();
        server.writePem(dir.resolve("server.pem"), dir.resolve("server-key.pem"));
        Files.writeString(
                dir.resolve("server-combined.pem"),
                Files.readString(dir.resolve("server.pem")) + Files.readString(dir.resolve("server-key.pem")));

        clientCa = TestCa.root("CN=proxies it clients CA,O=certgate test", NOW);
        Path clientCaPem = dir.resolve("clients-ca.pem");
        Files.writeString(clientCaPem, TestIdentity.pem(clientCa.certificate()));
        valid = client("valid client", null, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)));
        expired = client("expired client", null, NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
        revoked = client("revoked client", REVOKED, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)));
        stranger = TestCa.root("CN=stranger CA").leaf("CN=stranger").issue();

        crlServer = TestHttpServer.crlServer();
        crlServer.serve(
                clientCa.crl()
                        .thisUpdate(NOW.minus(Duration.ofMinutes(5)))
                        .nextUpdate(NOW.plus(Duration.ofDays(1)))
                        .revoke(REVOKED, CRLReason.KEY_COMPROMISE.ordinal())
                        .build(),
                "Wed, 25 Nov 2026 10:00:00 GMT");

        startBackend(clientCaPem);

        nginxPort = ProxyProcess.freePort();
        Files.writeString(dir.resolve("nginx.conf"), nginxConf(nginxPort, backendPort));
        nginx = ProxyProcess.start(
                "nginx",
                List.of(
                        nginxBinary.toString(),
                        "-p",
                        dir + "/",
                        "-c",
                        dir.resolve("nginx.conf").toString(),
                        "-e",
                        dir.resolve("nginx-error.log").toString()),
                dir,
                nginxPort);

        haproxyPort = ProxyProcess.freePort();
        Files.writeString(dir.resolve("haproxy.cfg"), haproxyCfg(haproxyPort, backendPort, clientCaPem));
        haproxy = ProxyProcess.start(
                "haproxy",
                List.of(
                        haproxyBinary.toString(),
                        "-db",
                        "-f",
                        dir.resolve("haproxy.cfg").toString()),
                dir,
                haproxyPort);
    }

    private static TestIdentity client(String cn, BigInteger serial, Instant from, Instant until) {
        LeafBuilder b = clientCa.leaf("CN=" + cn + ",O=certgate test").validity(from, until);
        if (serial != null) {
            b.serial(serial);
        }
        return b.issue();
    }

    /** Jetty with certgate on plain HTTP, 127.0.0.1 only: the proxies' backend. */
    private static void startBackend(Path clientCaPem) throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(CertGateFilter.class);
        filter.setName("certgate");
        filter.setInitParameter("certgate.trust", clientCaPem.toString());
        filter.setInitParameter("certgate.revocation.checkers", "crl");
        filter.setInitParameter("certgate.revocation.crl.sources", crlServer.url("/ca.crl"));
        filter.setInitParameter("certgate.hosts", "nginx,haproxy");
        for (String id : List.of("nginx", "haproxy")) {
            String p = "certgate.host." + id + ".";
            filter.setInitParameter(p + "names", id + ".test");
            filter.setInitParameter(p + "mtls", "false");
            filter.setInitParameter(p + "rules", "client-address,require-cert");
            // ip.src is the client (127.0.0.1) from X-Forwarded-For, not the proxy's 127.0.0.2/3.
            filter.setInitParameter(p + "rule.client-address.expression", "ip.src ne 127.0.0.1");
            filter.setInitParameter(p + "rule.client-address.action", "block");
            filter.setInitParameter(p + "rule.client-address.response.status", "421");
            filter.setInitParameter(p + "rule.require-cert.expression", REVOKED_RULE);
            filter.setInitParameter(p + "rule.require-cert.action", "block");
            filter.setInitParameter(p + "client-address", "x-forwarded-for");
        }
        filter.setInitParameter("certgate.host.nginx.trusted-proxies", "127.0.0.2");
        filter.setInitParameter("certgate.host.nginx.forwarded-cert.format", "escaped-pem");
        filter.setInitParameter("certgate.host.nginx.forwarded-cert.header", "X-Client-Cert");
        filter.setInitParameter("certgate.host.nginx.forwarded-cert.expose", "true");
        filter.setInitParameter("certgate.host.haproxy.trusted-proxies", "127.0.0.3");
        filter.setInitParameter("certgate.host.haproxy.forwarded-cert.format", "rfc9440");
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new WhoServlet()), "/*");
        backend = new Server();
        ServerConnector connector = new ServerConnector(backend);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        backend.addConnector(connector);
        backend.setHandler(context);
        backend.start();
        backendPort = connector.getLocalPort();
    }

    private static String nginxConf(int port, int backendPort) {
        return String.join(
                "\n",
                "daemon off;",
                "worker_processes 1;",
                "pid nginx.pid;",
                "error_log nginx-error.log info;",
                "events { worker_connections 64; }",
                "http {",
                "  access_log off;",
                "  client_body_temp_path tmp-body; proxy_temp_path tmp-proxy; fastcgi_temp_path tmp-fastcgi;",
                "  uwsgi_temp_path tmp-uwsgi; scgi_temp_path tmp-scgi;",
                "  server {",
                "    listen 127.0.0.1:" + port + " ssl;",
                "    ssl_certificate server.pem;",
                "    ssl_certificate_key server-key.pem;",
                // Ask for a certificate, forward any: certgate judges it.
                "    ssl_verify_client optional_no_ca;",
                "    location / {",
                "      proxy_pass http://127.0.0.1:" + backendPort + ";",
                "      proxy_bind 127.0.0.2;",
                "      proxy_set_header Host $host;",
                // Redefined, so a client's own X-Client-Cert never reaches the backend (empty: not sent).
                "      proxy_set_header X-Client-Cert $ssl_client_escaped_cert;",
                "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
                "    }",
                "  }",
                "}",
                "");
    }

    private static String haproxyCfg(int port, int backendPort, Path clientCaPem) {
        return String.join(
                "\n",
                "global",
                "  maxconn 64",
                "defaults",
                "  mode http",
                "  timeout connect 5s",
                "  timeout client 30s",
                "  timeout server 30s",
                "frontend tls",
                // verify optional + ignore every error: the handshake accepts any certificate, certgate decides.
                "  bind 127.0.0.1:" + port + " ssl crt " + dir.resolve("server-combined.pem")
                        + " verify optional ca-file " + clientCaPem + " ca-ignore-err all crt-ignore-err all",
                "  http-request del-header Client-Cert",
                "  http-request del-header Client-Cert-Chain",
                "  http-request set-header Client-Cert :%[ssl_c_der,base64]: if { ssl_c_used }",
                "  option forwardfor",
                "  default_backend app",
                "backend app",
                "  server app 127.0.0.1:" + backendPort + " source 127.0.0.3",
                "");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {nginx, haproxy}) {
            if (c != null) {
                c.close();
            }
        }
        if (backend != null) {
            backend.stop();
        }
        if (crlServer != null) {
            crlServer.close();
        }
    }

    // --- through the proxies

    private static RawHttps.Response viaProxy(int port, String host, TestIdentity identity, String extraHeaders)
            throws Exception {
        return RawHttps.create(identity, serverCa.certificate())
                .send(
                        "127.0.0.1",
                        port,
                        "GET /who HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "Connection: close\r\n\r\n");
    }

    /**
     * @param expiredStatus nginx answers 400 itself for an expired certificate even with
     *                      {@code optional_no_ca} (it checks the dates); HAProxy forwards it and certgate says 403
     */
    private static void certificateCases(String proxy, int port, String host, int expiredStatus) {
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> {
            RawHttps.Response r = viaProxy(port, host, valid, "");
            assertEquals(200, r.status(), proxy + " valid: " + r.body() + "\n" + logs());
        });
        checks.add(() -> assertEquals(403, viaProxy(port, host, stranger, "").status(), proxy + " stranger"));
        checks.add(() ->
                assertEquals(expiredStatus, viaProxy(port, host, expired, "").status(), proxy + " expired"));
        checks.add(() -> assertEquals(403, viaProxy(port, host, revoked, "").status(), proxy + " revoked"));
        checks.add(() -> assertEquals(403, viaProxy(port, host, null, "").status(), proxy + " absent"));
        assertAll(checks);
    }

    @Test
    void nginxForwardsEscapedPem() throws Exception {
        certificateCases("nginx", nginxPort, "nginx.test", 400);
        // expose=true: the application sees the certificate certgate verified.
        RawHttps.Response r = viaProxy(nginxPort, "nginx.test", valid, "");
        assertTrue(r.body().contains("subject=") && r.body().contains("CN=valid client"), r.body());
    }

    @Test
    void haproxyForwardsRfc9440() throws Exception {
        certificateCases("haproxy", haproxyPort, "haproxy.test", 403);
        RawHttps.Response r = viaProxy(haproxyPort, "haproxy.test", valid, "");
        assertTrue(r.body().contains("client-cert=:"), "the backend received RFC 9440: " + r.body());
    }

    @Test
    void aClientCannotSmuggleAHeaderThroughTheProxy() throws Exception {
        // No TLS certificate, but the valid client's certificate written as the header the proxy would send.
        String escaped = "X-Client-Cert: " + escapedPem(valid.certificate()) + "\r\n";
        String rfc = "Client-Cert: :"
                + Base64.getEncoder().encodeToString(valid.certificate().getEncoded()) + ":\r\n";
        assertEquals(403, viaProxy(nginxPort, "nginx.test", null, escaped).status(), "nginx redefines X-Client-Cert");
        assertEquals(403, viaProxy(haproxyPort, "haproxy.test", null, rfc).status(), "HAProxy deletes Client-Cert");
        // A stranger's TLS certificate plus the valid one as a header: the TLS one is what is forwarded.
        assertEquals(403, viaProxy(haproxyPort, "haproxy.test", stranger, rfc).status());
        assertEquals(403, viaProxy(nginxPort, "nginx.test", stranger, escaped).status());
    }

    @Test
    void aDirectRequestBypassingTheProxyWithASpoofedHeaderIsBlocked() throws Exception {
        String escaped = "X-Client-Cert: " + escapedPem(valid.certificate()) + "\r\n";
        String rfc = "Client-Cert: :"
                + Base64.getEncoder().encodeToString(valid.certificate().getEncoded()) + ":\r\n";
        RawHttps.Response toNginxGroup = RawHttps.sendPlain(
                "127.0.0.1",
                backendPort,
                "GET /who HTTP/1.1\r\nHost: nginx.test\r\n" + escaped
                        + "X-Forwarded-For: 127.0.0.1\r\nConnection: close\r\n\r\n");
        RawHttps.Response toHaproxyGroup = RawHttps.sendPlain(
                "127.0.0.1",
                backendPort,
                "GET /who HTTP/1.1\r\nHost: haproxy.test\r\n" + rfc + "Connection: close\r\n\r\n");
        assertEquals(403, toNginxGroup.status(), toNginxGroup.body());
        assertEquals(403, toHaproxyGroup.status(), toHaproxyGroup.body());
    }

    private static String escapedPem(X509Certificate c) throws IOException {
        return URLEncoder.encode(TestIdentity.pem(c), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String logs() {
        return "--- nginx\n" + nginx.log() + "\n--- haproxy\n" + haproxy.log();
    }

    /** The certificate subject and the forwarded certificate header the application sees. */
    static final class WhoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Object chain = req.getAttribute("jakarta.servlet.request.X509Certificate");
            String subject = chain instanceof X509Certificate[] c
                    ? c[0].getSubjectX500Principal().getName()
                    : "none";
            resp.setContentType("text/plain");
            resp.getWriter()
                    .print("subject=" + subject + "\nclient-cert=" + req.getHeader("Client-Cert") + "\npeer="
                            + req.getRemoteAddr());
        }
    }
}
