package dev.certgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
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
 * No encoding trick reaches a servlet while skipping a path rule: the rule reads the normalised
 * path (what the container dispatches on), requests are sent byte for byte over a socket.
 */
class PathNormalizationTest {
    private static final AtomicInteger ADMIN_HITS = new AtomicInteger();
    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder certgate = new FilterHolder(CertGateFilter.class);
        // Global rules only, no host group: every host is unmatched, and let through to the global rules.
        certgate.setInitParameter("certgate.on-unmatched-host", "allow");
        certgate.setInitParameter("certgate.rules", "admin,raw-secret");
        certgate.setInitParameter(
                "certgate.rule.admin.expression",
                "http.request.uri.path eq \"/admin\" or starts_with(http.request.uri.path, \"/admin/\")");
        certgate.setInitParameter("certgate.rule.admin.action", "block");
        certgate.setInitParameter(
                "certgate.rule.raw-secret.expression", "raw.http.request.uri.path contains \"%73ecret\"");
        certgate.setInitParameter("certgate.rule.raw-secret.action", "block");
        context.addFilter(certgate, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        ADMIN_HITS.incrementAndGet();
                        resp.getWriter().print("admin area");
                    }
                }),
                "/admin/*");
        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.getWriter().print("public " + req.getPathInfo());
                    }
                }),
                "/*");
        server = LocalJetty.start(context);
        port = LocalJetty.port(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/admin",
                "/admin/",
                "/admin/users",
                "/%61dmin",
                "/%61%64%6d%69%6e/users",
                "/api/../admin",
                "/./admin",
                "//admin",
                "/admin;x=1",
                "/admin;x=1/users",
                "/api/%2e%2e/admin",
                "/api/%2E%2E/admin/x",
                "/admin%2Fusers",
                "/admin/./users",
                "/x/..//admin"
            })
    void adminIsNeverReachedAroundTheRule(String target) throws Exception {
        int before = ADMIN_HITS.get();
        int status = status(target);
        assertTrue(status == 403 || status == 400, target + " answered " + status);
        assertEquals(before, ADMIN_HITS.get(), target + " reached the admin servlet");
    }

    @Test
    void otherPathsPass() throws Exception {
        assertEquals(200, status("/public"));
        assertEquals(200, status("/administrator"));
    }

    @Test
    void rawFieldsSeeTheRequestAsSent() throws Exception {
        assertEquals(403, status("/%73ecret"));
        assertEquals(200, status("/secret"));
    }

    private static int status(String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(response.substring(9, 12));
        }
    }
}
