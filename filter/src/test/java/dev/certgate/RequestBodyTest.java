package dev.certgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.config.MapSource;
import dev.certgate.internal.config.PolicyLoader;
import dev.certgate.internal.facts.BodyReplayRequest;
import dev.certgate.internal.policy.Policy;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The opt-in body fields, through the filter in a real Jetty with requests written byte for byte:
 * rules see at most the cap, and the application still receives the whole body (stream, reader,
 * form parameters), with a Content-Length or chunked.
 */
class RequestBodyTest {
    private static final int CAP = 512;
    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder certgate = new FilterHolder(CertGateFilter.class);
        certgate.setInitParameter("certgate.on-unmatched-host", "allow");
        certgate.setInitParameter("certgate.request-body.enabled", "true");
        certgate.setInitParameter("certgate.request-body.max-size", String.valueOf(CAP));
        certgate.setInitParameter("certgate.rules", "secret,admin-form,strict,small,pdf,upload");
        rule(certgate, "secret", "http.request.body.raw contains \"secret\"");
        rule(
                certgate,
                "admin-form",
                "any(http.request.body.form[\"user\"][*] == \"admin\")"
                        + " or any(http.request.body.form.names[*] == \"drop\") or any(http.request.body.form.values[*] == \"evil\")");
        rule(certgate, "strict", "http.request.uri.path eq \"/strict\" and http.request.body.truncated");
        rule(certgate, "small", "http.request.uri.path eq \"/small\" and http.request.body.size gt 1000");
        rule(certgate, "pdf", "http.request.uri.path eq \"/nopdf\" and http.request.body.mime eq \"application/pdf\"");
        rule(
                certgate,
                "upload",
                "any(http.request.body.multipart.filenames[*][0] in {\"token.txt\" \"evil.php\"})"
                        + " or any(http.request.body.multipart[\"role\"][*] == \"admin\")"
                        + " or any(http.request.body.multipart.names[*][*] == \"drop\")"
                        + " or any(http.request.body.multipart.values[*] contains \"attack\")"
                        + " or any(http.request.body.multipart.content_types[*][0] == \"application/x-msdownload\")"
                        + " or any(http.request.body.multipart.content_dispositions[*][0] contains \"inline\")"
                        + " or any(http.request.body.multipart.content_transfer_encodings[*][0] == \"base64\")"
                        + " or http.request.body.multipart.preamble contains \"smuggle\""
                        + " or http.request.body.multipart.empty_parts_count gt 1"
                        + " or any(http.request.body.multipart.headers[*][\"x-upload-tag\"][*] == \"evil\")");
        context.addFilter(certgate, "/*", EnumSet.of(DispatcherType.REQUEST));
        onPost(
                context,
                "/*",
                (req, resp) -> resp.getOutputStream().write(req.getInputStream().readAllBytes()));
        onPost(context, "/reader", (req, resp) -> {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[100];
            int n;
            while ((n = req.getReader().read(buf)) >= 0) {
                sb.append(buf, 0, n);
            }
            resp.getWriter().print(sb);
        });
        onPost(
                context,
                "/params",
                (req, resp) -> resp.getWriter()
                        .print(req.getParameter("user") + "|" + req.getParameter("note") + "|"
                                + String.join(",", req.getParameterValues("q")) + "|"
                                + req.getParameterMap().keySet()));
        ServletHolder upload = onPost(context, "/upload", (req, resp) -> {
            StringBuilder sb = new StringBuilder(req.getParameter("user") + ":");
            for (Part part : req.getParts()) {
                sb.append(part.getName())
                        .append('/')
                        .append(part.getSubmittedFileName())
                        .append('/')
                        .append(part.getSize())
                        .append(';');
            }
            resp.getWriter().print(sb);
        });
        upload.getRegistration()
                .setMultipartConfig(
                        new MultipartConfigElement(System.getProperty("java.io.tmpdir"), 1 << 20, 1 << 21, 1 << 10));
        server = LocalJetty.start(context);
        port = LocalJetty.port(server);
    }

    /** What a test servlet does with a POST. */
    private interface PostHandler {
        void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException;
    }

    private static ServletHolder onPost(ServletContextHandler context, String path, PostHandler handler) {
        ServletHolder holder = new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp)
                    throws IOException, ServletException {
                handler.handle(req, resp);
            }
        });
        context.addServlet(holder, path);
        return holder;
    }

    private static void rule(FilterHolder certgate, String id, String expression) {
        certgate.setInitParameter("certgate.rule." + id + ".expression", expression);
        certgate.setInitParameter("certgate.rule." + id + ".action", "block");
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void aBodyBelowTheCapIsSeenByTheRulesAndReachesTheApplication() throws Exception {
        assertEquals(new Answer(200, "hello world"), post("/echo", "text/plain", "hello world", false));
        assertEquals(403, post("/echo", "text/plain", "a secret here", false).status());
        assertEquals(403, post("/echo", "text/plain", "a secret here", true).status());
    }

    @Test
    void aBodyAboveTheCapIsTruncatedForTheRulesButReachesTheApplicationWhole() throws Exception {
        String hiddenBeyondTheCap = "x".repeat(CAP) + "secret" + "y".repeat(20_000) + "end";
        assertEquals(new Answer(200, hiddenBeyondTheCap), post("/echo", "text/plain", hiddenBeyondTheCap, false));
        assertEquals(new Answer(200, hiddenBeyondTheCap), post("/echo", "text/plain", hiddenBeyondTheCap, true));
        assertEquals(
                new Answer(200, hiddenBeyondTheCap),
                post("/reader", "text/plain; charset=utf-8", hiddenBeyondTheCap, true));
        String seen = "x".repeat(CAP - 6) + "secret" + "y".repeat(1000);
        assertEquals(403, post("/echo", "text/plain", seen, true).status());
    }

    @Test
    void truncatedIsTrueExactlyAboveTheCap() throws Exception {
        assertEquals(200, post("/strict", "text/plain", "a".repeat(CAP), false).status());
        assertEquals(200, post("/strict", "text/plain", "a".repeat(CAP), true).status());
        assertEquals(
                403, post("/strict", "text/plain", "a".repeat(CAP + 1), false).status());
        assertEquals(
                403, post("/strict", "text/plain", "a".repeat(CAP + 1), true).status());
    }

    @Test
    void sizeIsTheWholeBodysDeclaredLength() throws Exception {
        assertEquals(200, post("/small", "text/plain", "a".repeat(1000), false).status());
        assertEquals(403, post("/small", "text/plain", "a".repeat(1001), false).status());
    }

    @Test
    void mimeComesFromTheBodysSignatureNotTheContentType() throws Exception {
        assertEquals(
                403, post("/nopdf", "text/plain", "%PDF-1.7\n%binary", false).status());
        assertEquals(200, post("/nopdf", "application/pdf", "just text", false).status());
    }

    @Test
    void formFieldsAreMatchedUndecodedAndTheApplicationStillGetsEveryParameter() throws Exception {
        String form = "application/x-www-form-urlencoded";
        assertEquals(
                new Answer(200, "bob|a b!|1,2|[q, user, note]"),
                post("/params?q=1", form, "user=bob&note=a+b%21&q=2", false));
        assertEquals(403, post("/params", form, "note=x&user=admin", false).status());
        assertEquals(403, post("/params", form, "drop=1", true).status());
        assertEquals(403, post("/params", form, "a=evil", true).status());
        // Undecoded, as Cloudflare's form fields: %61dmin is not "admin" to the rule.
        assertEquals(
                200, post("/params", form, "user=%61dmin&note=n&q=3", false).status());
        // Above the cap: the rule misses the late field, the application reads all of them.
        String longNote = "n".repeat(5000);
        assertEquals(
                new Answer(200, "admin|" + longNote + "|7|[q, note, user]"),
                post("/params?q=7", form, "note=" + longNote + "&user=admin", true));
        // Not a form: the form fields stay empty.
        assertEquals(new Answer(200, "user=admin"), post("/echo", "text/plain", "user=admin", false));
    }

    private static final String MULTIPART = "multipart/form-data; boundary=\"b-1\"";

    private static String part(String disposition, String headers, String value) {
        return "--b-1\r\nContent-Disposition: form-data; " + disposition + "\r\n" + headers + "\r\n" + value + "\r\n";
    }

    @Test
    void multipartFieldsSeeEachPartAndTheApplicationStillGetsEveryPart() throws Exception {
        String ok = part("name=\"user\"", "", "bob")
                + part("name=\"role\"", "", "editor")
                + part("name=\"doc\"; filename=\"notes.txt\"", "Content-Type: text/plain\r\n", "plain notes")
                + "--b-1--\r\n";
        String everyPart = "bob:user/null/3;role/null/6;doc/notes.txt/11;";
        assertEquals(new Answer(200, everyPart), post("/upload", MULTIPART, ok, false));
        assertEquals(new Answer(200, everyPart), post("/upload", MULTIPART, ok, true));
        assertEquals(new Answer(200, ok), post("/echo", MULTIPART, ok, true));
        // Each field of the rule, one part at a time.
        for (String blocked : List.of(
                part("name=\"f\"; filename=\"evil.php\"", "", "x"),
                part("name=\"f\"; filename=\"a.txt\"; filename*=UTF-8''evil%2Ephp", "", "x"),
                part("name=\"role\"", "", "admin"),
                part("name=\"drop\"", "", "1"),
                part("name=\"note\"", "", "an attack here"),
                part("name=\"f\"; filename=\"a.exe\"", "Content-Type: application/x-msdownload\r\n", "MZ"),
                part("name=\"f\"", "Content-Transfer-Encoding: base64\r\n", "eA=="),
                "--b-1\r\nContent-Disposition: inline; name=\"i\"\r\n\r\nx\r\n",
                part("name=\"f\"", "X-Upload-Tag: fine\r\nX-UPLOAD-TAG: evil\r\n", "x"))) {
            String body = part("name=\"user\"", "", "bob") + blocked + "--b-1--\r\n";
            assertEquals(403, post("/echo", MULTIPART, body, false).status(), blocked);
            assertEquals(403, post("/echo", MULTIPART, body, true).status(), blocked);
        }
        // What lies outside the parts: the preamble, and parts with neither headers nor a value.
        String user = part("name=\"user\"", "", "bob");
        String empty = "--b-1\r\n\r\n\r\n";
        assertEquals(
                403,
                post("/echo", MULTIPART, "smuggle\r\n" + user + "--b-1--\r\n", false)
                        .status());
        assertEquals(
                200,
                post("/echo", MULTIPART, "a preamble\r\n" + user + "--b-1--\r\n", false)
                        .status());
        assertEquals(
                403,
                post("/echo", MULTIPART, user + empty + empty + "--b-1--\r\n", true)
                        .status());
        assertEquals(
                200,
                post("/echo", MULTIPART, user + empty + "--b-1--\r\n", true).status());
        String tagged = part("name=\"f\"", "X-Upload-Tag: fine\r\n", "evil");
        assertEquals(
                200,
                post("/echo", MULTIPART, user + tagged + "--b-1--\r\n", false).status());
    }

    @Test
    void multipartFieldsStopAtTheCapAndNeedAMultipartContentType() throws Exception {
        String late = part("name=\"big\"; filename=\"big.bin\"", "", "z".repeat(CAP))
                + part("name=\"f\"; filename=\"evil.php\"", "", "x")
                + "--b-1--\r\n";
        assertEquals(
                new Answer(200, "null:big/big.bin/" + CAP + ";f/evil.php/1;"), post("/upload", MULTIPART, late, true));
        assertEquals(new Answer(200, late), post("/echo", MULTIPART, late, false));
        String early = part("name=\"f\"; filename=\"evil.php\"", "", "x")
                + part("name=\"big\"; filename=\"big.bin\"", "", "z".repeat(10 * CAP))
                + "--b-1--\r\n";
        assertEquals(403, post("/echo", MULTIPART, early, false).status(), "a part before the cut is seen");
        assertEquals(
                200, post("/echo", "text/plain; boundary=\"b-1\"", early, false).status());
    }

    @Test
    void partsAreReplayedOnlyUpToTheirInMemoryBound() throws Exception {
        String huge = part("name=\"f\"; filename=\"huge.bin\"", "", "h".repeat(BodyReplayRequest.MAX_PARTS_BODY))
                + "--b-1--\r\n";
        assertEquals(
                500, post("/upload", MULTIPART, huge, false).status(), "getParts() throws, as over maxRequestSize");
        assertEquals(500, post("/upload", MULTIPART, huge, true).status());
        assertEquals(200, post("/echo", MULTIPART, huge, true).status(), "the stream is not bounded");
    }

    @Test
    void aRuleReadingTheBodyFailsStartUpUnlessBodiesAreEnabled() {
        Map<String, String> p = new HashMap<>();
        p.put("certgate.on-unmatched-host", "allow");
        p.put("certgate.rules", "b");
        p.put("certgate.rule.b.expression", "http.request.body.size gt 10");
        p.put("certgate.rule.b.action", "block");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> load(p).close());
        assertEquals("certgate.rule.b.expression", e.property());
        assertTrue(
                e.getMessage().contains("http.request.body.size")
                        && e.getMessage().contains("certgate.request-body.enabled=true"),
                e.getMessage());
        p.put("certgate.request-body.enabled", "true");
        p.put("certgate.request-body.max-size", "17MiB");
        assertEquals(
                "certgate.request-body.max-size",
                org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> load(p).close())
                        .property());
    }

    @Test
    void onlyHostGroupsWithABodyRuleBufferBodies() throws Exception {
        Map<String, String> p = new HashMap<>();
        p.put("certgate.request-body.enabled", "true");
        p.put("certgate.hosts", "a,b");
        p.put("certgate.host.a.names", "a.example");
        p.put("certgate.host.a.mtls", "false");
        p.put("certgate.host.b.names", "b.example");
        p.put("certgate.host.b.mtls", "false");
        p.put("certgate.host.a.rules", "body");
        p.put("certgate.host.a.rule.body.expression", "http.request.body.raw contains \"x\"");
        p.put("certgate.host.a.rule.body.action", "block");
        try (Policy policy = load(p)) {
            assertEquals(128 * 1024, policy.groupFor("a.example").bodyLimit(), "the documented default cap");
            assertEquals(0, policy.groupFor("b.example").bodyLimit());
            assertFalse(policy.fallback().bodyLimit() > 0);
        }
    }

    private static Policy load(Map<String, String> props) throws ConfigException {
        return PolicyLoader.load(
                new MapSource(props, "test"), RequestBodyTest.class.getClassLoader(), Clock.systemUTC(), Set.of());
    }

    record Answer(int status, String body) {}

    /**
     * One POST over a socket, with a Content-Length or chunked in pieces of 1000 bytes, written at
     * once; a server that answers early may close before it read the rest, and its answer is read all the same.
     */
    private static Answer post(String target, String contentType, String body, boolean chunked) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String head = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: "
                    + contentType + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + bytes.length + "\r\n")
                    + "\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (chunked) {
                for (int i = 0; i < bytes.length; i += 1000) {
                    int n = Math.min(1000, bytes.length - i);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(bytes, i, n);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write(bytes);
            }
            OutputStream socket = s.getOutputStream();
            try {
                socket.write(out.toByteArray());
                socket.flush();
            } catch (IOException answeredEarly) {
                // The server answered (and closed) before reading the whole body: read that answer.
            }
            return parse(s.getInputStream());
        }
    }

    /**
     * Everything the server sent. A server that answers before reading the whole body may reset the
     * connection after its answer; what arrived before the reset is the answer.
     */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                got.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            if (got.size() == 0) {
                throw reset;
            }
        }
        return got.toByteArray();
    }

    private static Answer parse(InputStream in) throws IOException {
        byte[] all = readUntilClosed(in);
        String text = new String(all, StandardCharsets.UTF_8);
        int status = Integer.parseInt(text.substring(9, 12));
        int split = text.indexOf("\r\n\r\n");
        String headers = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        String rest = text.substring(split + 4);
        if (headers.contains("transfer-encoding: chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int i = 0;
            while (true) {
                int eol = rest.indexOf("\r\n", i);
                int n = Integer.parseInt(rest.substring(i, eol).strip(), 16);
                if (n == 0) {
                    break;
                }
                out.write(rest.substring(eol + 2, eol + 2 + n).getBytes(StandardCharsets.UTF_8));
                i = eol + 2 + n + 2;
            }
            rest = out.toString(StandardCharsets.UTF_8);
        }
        return new Answer(status, status == 200 ? rest : "");
    }
}
