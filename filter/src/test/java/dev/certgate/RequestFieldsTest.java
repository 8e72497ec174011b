package dev.certgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.facts.RequestFacts;
import dev.certgate.internal.rules.Expression;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.FieldValues;
import dev.certgate.internal.rules.NamedLists;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request fields issue 14 added, read from real requests sent byte for byte to a real Jetty
 * (plain and TLS): the servlet answers the value of the field named in the X-Field header.
 */
class RequestFieldsTest {
    private static final Instant RECEIVED = Instant.parse("2026-03-01T10:00:00.857Z");
    private static final TestCa CA = TestCa.root("CN=request fields CA");
    private static final TestIdentity SERVER =
            CA.leaf("CN=localhost").server().dns("localhost").ip("127.0.0.1").issue();
    private static Server server;
    private static int plainPort;
    private static int tlsPort;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector plain = new ServerConnector(server);
        plain.setHost("127.0.0.1");
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(SERVER.keyStore());
        tls.setKeyStorePassword(new String(TestIdentity.PASSWORD));
        tls.setIncludeProtocols("TLSv1.2");
        tls.setIncludeCipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"); // the test PKI issues EC keys
        HttpConfiguration https = new HttpConfiguration();
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false);
        https.addCustomizer(customizer);
        ServerConnector secure = new ServerConnector(
                server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
        secure.setHost("127.0.0.1");
        server.addConnector(plain);
        server.addConnector(secure);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        RequestFacts facts = new RequestFacts(req, req.getContextPath(), "example.com", null, RECEIVED);
                        Field f = Field.byName(req.getHeader("X-Field"));
                        Object v = FieldValues.read(facts, f);
                        String expr = req.getHeader("X-Expr");
                        if (expr != null) {
                            try {
                                v = v + " "
                                        + Expression.compile(expr, NamedLists.EMPTY)
                                                .matches(facts);
                            } catch (Exception e) {
                                v = e.getMessage();
                            }
                        }
                        resp.setCharacterEncoding("UTF-8");
                        resp.getWriter().print(v);
                    }
                }),
                "/*");
        server.setHandler(context);
        server.start();
        plainPort = plain.getLocalPort();
        tlsPort = secure.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    /** Sends the request line and headers exactly as given and returns the body. */
    private static String field(String field, String target, String... headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", plainPort)) {
            return exchange(s, field, target, headers);
        }
    }

    private static String exchange(Socket s, String field, String target, String... headers) throws IOException {
        StringBuilder req = new StringBuilder("GET " + target
                + " HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n" + "X-Field: " + field + "\r\n");
        for (String h : headers) {
            req.append(h).append("\r\n");
        }
        OutputStream out = s.getOutputStream();
        out.write(req.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String response = all.toString(StandardCharsets.UTF_8);
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void cookiesAreAMapWithDecodedNamesAndRawValues() throws IOException {
        assertEquals(
                "{app=[test, again], a b=[x%20y], flag=[]}",
                field("http.request.cookies", "/", "Cookie: app=test; a%20b=x%20y", "Cookie: flag; app=again"));
        assertEquals("{}", field("http.request.cookies", "/"));
    }

    @Test
    void queryArgumentsAreUndecodedAndInOrder() throws IOException {
        String q = "/p?search=red+apples&x=1&x=2&flag&&e=%2F";
        assertEquals("{search=[red+apples], x=[1, 2], flag=[], e=[%2F]}", field("http.request.uri.args", q));
        assertEquals("[search, x, x, flag, e]", field("http.request.uri.args.names", q));
        assertEquals("[red+apples, 1, 2, , %2F]", field("http.request.uri.args.values", q));
        assertEquals("{search=[red+apples], x=[1, 2], flag=[], e=[%2F]}", field("raw.http.request.uri.args", q));
        assertEquals("[search, x, x, flag, e]", field("raw.http.request.uri.args.names", q));
        assertEquals("[red+apples, 1, 2, , %2F]", field("raw.http.request.uri.args.values", q));
        assertEquals("{}", field("http.request.uri.args", "/p"));
    }

    @Test
    void pathExtensionsFollowCloudflaresTable() throws IOException {
        String[][] cases = {
            {"/foo", ""},
            {"/foo.mp3", "mp3"},
            {"/.mp3", ""},
            {"/.foo.mp3", "mp3"},
            {"/foo.tar.bz2", "bz2"},
            {"/foo.", ""},
            {"/foo.MP3", "mp3"},
            {"/a.b/c", ""},
            {"/x.html?y=z.js", "html"}
        };
        for (String[] c : cases) {
            assertEquals(c[1], field("http.request.uri.path.extension", c[0]), c[0]);
        }
        assertEquals("MP3", field("raw.http.request.uri.path.extension", "/foo.MP3"));
        assertEquals("js", field("http.request.uri.path.extension", "/a/../b.JS"), "from the normalised path");
    }

    @Test
    void timestampIsWhenTheRequestWasReceived() throws IOException {
        assertEquals(Long.toString(RECEIVED.getEpochSecond()), field("http.request.timestamp.sec", "/"));
        assertEquals("857", field("http.request.timestamp.msec", "/"));
    }

    @Test
    void forwardedForIsTheHeaderTextAndLanguagesAreByWeight() throws IOException {
        assertEquals(
                "203.0.113.195, 70.41.3.18, 150.172.238.178",
                field(
                        "http.x_forwarded_for",
                        "/",
                        "X-Forwarded-For: 203.0.113.195, 70.41.3.18",
                        "X-Forwarded-For: 150.172.238.178"));
        assertEquals("", field("http.x_forwarded_for", "/"));
        assertEquals(
                "[fr-CH, en, fr, de]",
                field(
                        "http.request.accepted_languages",
                        "/",
                        "Accept-Language: fr-CH, fr;q=0.8, en;q=0.9, de;q=0.7, *;q=0.5, it;q=0"));
        assertEquals("false", field("http.request.headers.truncated", "/", "A: 1", "B: 2"));
    }

    @Test
    void edgeFieldsAreTheLocalEndOfTheConnection() throws IOException {
        assertEquals(Integer.toString(plainPort), field("cf.edge.server_port", "/"));
        assertEquals("127.0.0.1", field("cf.edge.server_ip", "/"));
        assertEquals("", field("cf.tls_version", "/"), "no TLS");
        assertEquals("", field("cf.tls_cipher", "/"));
    }

    @Test
    void tlsFieldsUseCloudflaresSpelling() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CA.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        List<String> answers = new java.util.ArrayList<>();
        for (String f : List.of("cf.tls_cipher", "cf.tls_version", "ssl", "cf.edge.server_port")) {
            try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
                answers.add(exchange(s, f, "/"));
            }
        }
        assertEquals(List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "TLSv1.2", "true", Integer.toString(tlsPort)), answers);
    }

    @Test
    void theNewFieldsWorkInRules() throws IOException {
        assertEquals(
                "{app=[test]} true",
                field(
                        "http.request.cookies",
                        "/",
                        "Cookie: app=test",
                        "X-Expr: any(http.request.cookies[\"app\"][*] == \"test\") and has_key(http.request.cookies, \"app\")"));
        assertEquals(
                "[a] true",
                field(
                        "http.request.uri.args.names",
                        "/?a=1",
                        "X-Expr: http.request.uri.args[\"a\"][0] eq \"1\" and http.request.uri.path.extension eq \"\""));
    }
}
