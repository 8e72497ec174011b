package dev.certgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.TestCa;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter in a real (plain HTTP) Jetty: responses, modes and failure handling. */
class CertGateFilterTest {
    @TempDir
    static Path dir;

    static Path caPem;
    private Server server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void ca() throws IOException {
        caPem = TestCa.root("CN=filter test CA").writePem(dir.resolve("ca.pem"));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private int start(Map<String, String> params, Filter upstream) throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        if (upstream != null) {
            LocalJetty.addFilter(context, upstream);
        }
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of(
                "certgate.hosts",
                "api",
                "certgate.host.api.names",
                "localhost",
                "certgate.host.api.trust",
                caPem.toString()));
        settings.putAll(params);
        LocalJetty.addCertgate(context, settings);
        context.addServlet(LocalJetty.text("app"), "/*");
        server = LocalJetty.start(context);
        return LocalJetty.port(server);
    }

    private HttpResponse<String> get(int port) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mtlsHostWithoutCertificateGetsTheProblemDocument() throws Exception {
        HttpResponse<String> r = get(start(Map.of(), null));
        assertEquals(403, r.statusCode());
        assertEquals(
                "application/problem+json",
                r.headers().firstValue("content-type").orElse(""));
        assertEquals("no-store", r.headers().firstValue("cache-control").orElse(""));
        assertTrue(r.body().startsWith("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403"), r.body());
    }

    @Test
    void customBlockResponse() throws Exception {
        HttpResponse<String> r = get(start(
                Map.of(
                        "certgate.block.status",
                        "401",
                        "certgate.block.content-type",
                        "text/plain",
                        "certgate.block.body",
                        "certificate required"),
                null));
        assertEquals(401, r.statusCode());
        assertEquals("certificate required", r.body());
    }

    @Test
    void hostsInNoGroupAreBlockedUnlessAllowed() throws Exception {
        // localhost is in no group here: blocked by default (the client chooses the Host)...
        assertEquals(
                403,
                get(start(Map.of("certgate.host.api.names", "api.example.com"), null))
                        .statusCode());
        stop();
        // ...and let through with only the global rules when the operator says so.
        assertEquals(
                200,
                get(start(
                                Map.of(
                                        "certgate.host.api.names",
                                        "api.example.com",
                                        "certgate.on-unmatched-host",
                                        "allow"),
                                null))
                        .statusCode());
    }

    @Test
    void requestWithoutHostIsUnmatchedNotTheServerName() throws Exception {
        // The group lists the server's own names, which getServerName() would report for a request
        // without Host; that request must not borrow them.
        int port = start(LocalJetty.settings("""
                certgate.host.api.names = localhost,127.0.0.1
                certgate.host.api.mtls = false
                certgate.on-unmatched-host = block
                """), null);
        assertEquals(200, get(port).statusCode(), "a named host of a group without rules passes");
        assertEquals(403, status(rawHttp(port, "GET /x HTTP/1.0\r\n\r\n")), "HTTP/1.0 without Host");
        assertEquals(200, status(rawHttp(port, "GET /x HTTP/1.0\r\nHost: localhost\r\n\r\n")), "HTTP/1.0 with Host");
        stop();
        port = start(LocalJetty.settings("""
                certgate.host.api.names = localhost,127.0.0.1
                certgate.host.api.mtls = false
                certgate.on-unmatched-host = allow
                certgate.rules = no-host
                certgate.rule.no-host.expression = http.host eq ""
                certgate.rule.no-host.action = block
                certgate.rule.no-host.response.status = 421
                """), null);
        assertEquals(421, status(rawHttp(port, "GET /x HTTP/1.0\r\n\r\n")), "http.host is empty without Host");
    }

    private static String rawHttp(int port, String request) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private static int status(String rawResponse) {
        return Integer.parseInt(rawResponse.substring(9, 12));
    }

    @Test
    void certificateHeadersFromAnUntrustedPeerAreRefusedExceptInReportOnly() throws Exception {
        Map<String, String> p = new java.util.HashMap<>(Map.of(
                "certgate.host.api.mtls",
                "false",
                "certgate.trusted-proxies",
                "10.0.0.0/8",
                "certgate.forwarded-cert.format",
                "rfc9440",
                "certgate.forwarded-cert.from-untrusted",
                "bad-request"));
        HttpRequest spoofed = HttpRequest.newBuilder(URI.create("http://localhost:" + start(p, null) + "/x"))
                .header("Client-Cert", ":AAAA:")
                .build();
        HttpResponse<String> refused = http.send(spoofed, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refused.statusCode());
        assertEquals(
                "application/problem+json",
                refused.headers().firstValue("content-type").orElse(""));
        stop();
        p.put("certgate.mode", "report-only");
        int port = start(p, null);
        assertEquals(
                200,
                http.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/x"))
                                        .header("Client-Cert", ":AAAA:")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
    }

    @Test
    void reportOnlyLetsThrough() throws Exception {
        int port = start(Map.of("certgate.mode", "report-only"), null);
        assertEquals(200, get(port).statusCode());
    }

    @Test
    void disabledLetsThrough() throws Exception {
        assertEquals(200, get(start(Map.of("certgate.enabled", "false"), null)).statusCode());
    }

    @Test
    void internalErrorFailsClosed() throws Exception {
        HttpResponse<String> r = get(start(Map.of(), new ThrowingHeadersFilter()));
        assertEquals(403, r.statusCode());
        assertTrue(!r.body().contains("Exception") && !r.body().contains("at dev."), "no stack trace: " + r.body());
    }

    @Test
    void internalErrorFailsOpenOnlyWhenTheOperatorSaysSo() throws Exception {
        assertEquals(
                200,
                get(start(Map.of("certgate.on-error", "allow"), new ThrowingHeadersFilter()))
                        .statusCode());
    }

    @Test
    void invalidConfigurationStopsTheApplication() {
        Exception e = assertThrows(Exception.class, () -> start(Map.of("certgate.host.api.nmaes", "x"), null));
        Throwable t = e;
        boolean named = false;
        while (t != null) {
            named |= String.valueOf(t.getMessage()).contains("certgate.host.api.nmaes");
            t = t.getCause();
        }
        assertTrue(named, "the failure names the property: " + e);
    }

    /** A buggy upstream wrapper: every header read throws. */
    static final class ThrowingHeadersFilter extends jakarta.servlet.http.HttpFilter {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse res, jakarta.servlet.FilterChain chain)
                throws IOException, jakarta.servlet.ServletException {
            chain.doFilter(
                    new HttpServletRequestWrapper(req) {
                        @Override
                        public String getHeader(String name) {
                            throw new IllegalStateException("broken wrapper");
                        }

                        @Override
                        public Enumeration<String> getHeaders(String name) {
                            throw new IllegalStateException("broken wrapper");
                        }
                    },
                    res);
        }
    }
}
