package dev.certgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No encoding trick reaches a servlet while skipping a path rule: the rule reads the normalised
 * path (what the container dispatches on), requests are sent byte for byte over a socket.
 */
class PathNormalizationTest {
    private static final AtomicInteger ADMIN_HITS = new AtomicInteger();

    @RegisterExtension
    static final LocalJetty JETTY = new LocalJetty();

    private static int port;

    @BeforeAll
    static void start() throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        // Global rules only, no host group: every host is unmatched, and let through to the global rules.
        LocalJetty.addCertgate(context, LocalJetty.settings("""
                certgate.on-unmatched-host = allow
                certgate.rules = admin,raw-secret
                certgate.rule.admin.expression = http.request.uri.path eq "/admin" or starts_with(http.request.uri.path, "/admin/")
                certgate.rule.admin.action = block
                certgate.rule.raw-secret.expression = raw.http.request.uri.path contains "%73ecret"
                certgate.rule.raw-secret.action = block
                """));
        context.addServlet(
                LocalJetty.servlet((req, resp) -> {
                    ADMIN_HITS.incrementAndGet();
                    resp.getWriter().print("admin area");
                }),
                "/admin/*");
        context.addServlet(
                LocalJetty.servlet((req, resp) -> resp.getWriter().print("public " + req.getPathInfo())), "/*");
        port = JETTY.serve(context);
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
