package dev.certgate.internal.forwarding;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.CertGateFilter;
import dev.certgate.internal.ops.Operations;
import dev.certgate.internal.policy.Policy;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarded client certificates end to end: a real Jetty over TLS on 127.0.0.1 (the trusted proxy
 * address) and ::1 (a stranger, or the trusted proxy of the IPv6 group), real certificates in
 * every format, certgate judging them like TLS ones.
 */
class ForwardedCertificatesEndToEndTest {
    @TempDir
    static Path dir;

    private static final TestCa SERVER_CA = TestCa.root("CN=forwarding test server CA");
    private static final TestCa CLIENT_CA = TestCa.root("CN=forwarding clients CA,O=certgate test");
    private static final TestCa STRANGER_CA = TestCa.root("CN=stranger CA");
    private static TestIdentity valid;
    private static TestIdentity proxyCertificate;
    private static Server server;
    private static Policy policy;

    @BeforeAll
    static void start() throws Exception {
        valid = CLIENT_CA.leaf("CN=alice").issue();
        proxyCertificate = CLIENT_CA.leaf("CN=the proxy itself").issue();
        Path ca = dir.resolve("clients-ca.pem");
        Files.writeString(ca, TestIdentity.pem(CLIENT_CA.certificate()));

        Map<String, String> p = new LinkedHashMap<>();
        p.put("certgate.trust", ca.toString());
        p.put("certgate.trusted-proxies", "127.0.0.1");
        p.put("certgate.client-address", "x-forwarded-for");
        p.put("certgate.forwarded-host", "x-forwarded-host");
        p.put("certgate.rules", "banned");
        p.put("certgate.rule.banned.expression", "ip.src in {198.51.100.66 2001:db8::66}");
        p.put("certgate.rule.banned.action", "block");
        p.put("certgate.rule.banned.response.status", "451");
        p.put("certgate.hosts", "rfc,xfcc,nginx,alb,traefik,fallback,expose,hide,v6,small,public");
        group(p, "rfc", "rfc9440");
        group(p, "xfcc", "xfcc");
        group(p, "nginx", "escaped-pem");
        p.put("certgate.host.nginx.forwarded-cert.header", "X-Client-Cert");
        group(p, "alb", "escaped-pem");
        p.put("certgate.host.alb.forwarded-cert.header", "X-Amzn-Mtls-Clientcert");
        p.put("certgate.host.alb.forwarded-cert.from-untrusted", "bad-request");
        group(p, "traefik", "traefik");
        p.put("certgate.host.traefik.forwarded-cert.from-untrusted", "block");
        group(p, "fallback", "rfc9440");
        p.put("certgate.host.fallback.forwarded-cert.tls-fallback", "true");
        group(p, "expose", "xfcc");
        p.put("certgate.host.expose.forwarded-cert.expose", "true");
        p.put("certgate.host.expose.mtls", "false");
        group(p, "hide", "rfc9440");
        p.put("certgate.host.hide.mtls", "false");
        group(p, "v6", "rfc9440");
        p.put("certgate.host.v6.trusted-proxies", "::1/128");
        group(p, "small", "rfc9440");
        p.put("certgate.host.small.forwarded-cert.max-bytes", "1200");
        p.put("certgate.host.public.names", "public.example");
        p.put("certgate.host.public.mtls", "false");

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(CertGateFilter.class);
        p.forEach(filter::setInitParameter);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new EchoServlet()), "/*");
        server = TlsProbe.start(context, SERVER_CA, dir);
        policy = (Policy) context.getServletContext().getAttribute(Operations.POLICY_ATTRIBUTE);
    }

    private static void group(Map<String, String> p, String id, String format) {
        p.put("certgate.host." + id + ".names", id + ".example");
        p.put("certgate.host." + id + ".forwarded-cert.format", format);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    // --- requests

    private static TlsProbe.Answer viaProxy(String host, Map<String, String> headers) throws Exception {
        return TlsProbe.get("127.0.0.1", TlsProbe.port(server, 0), null, SERVER_CA.certificate(), host, "/", headers);
    }

    private static TlsProbe.Answer direct(TestIdentity tls, String host, Map<String, String> headers) throws Exception {
        return TlsProbe.get("::1", TlsProbe.port(server, 1), tls, SERVER_CA.certificate(), host, "/", headers);
    }

    private static String rfc(X509Certificate c) throws Exception {
        return ":" + Base64.getEncoder().encodeToString(c.getEncoded()) + ":";
    }

    private static String escapedPem(X509Certificate... chain) throws Exception {
        return URLEncoder.encode(TestIdentity.pem((Object[]) chain), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static String xfccElement(X509Certificate c) throws Exception {
        return "By=spiffe://mesh/app;Cert=\"" + escapedPem(c) + "\";Subject=\"" + c.getSubjectX500Principal() + "\"";
    }

    private static long counter(String name) {
        return policy.forwarding().counters().snapshot().get(name);
    }

    // --- every format, real certificates

    @Test
    void everyFormatForwardsAValidCertificate() throws Exception {
        X509Certificate leaf = valid.certificate();
        String traefik =
                URLEncoder.encode(Base64.getEncoder().encodeToString(leaf.getEncoded()), StandardCharsets.UTF_8);
        assertAll(
                () -> assertEquals(
                        200,
                        viaProxy("rfc.example", Map.of("Client-Cert", rfc(leaf)))
                                .status(),
                        "rfc9440"),
                () -> assertEquals(
                        200,
                        viaProxy("xfcc.example", Map.of("X-Forwarded-Client-Cert", xfccElement(leaf)))
                                .status(),
                        "xfcc"),
                () -> assertEquals(
                        200,
                        viaProxy("nginx.example", Map.of("X-Client-Cert", escapedPem(leaf)))
                                .status(),
                        "escaped-pem (nginx)"),
                () -> assertEquals(
                        200,
                        viaProxy(
                                        "alb.example",
                                        Map.of("X-Amzn-Mtls-Clientcert", escapedPem(leaf, CLIENT_CA.certificate())))
                                .status(),
                        "escaped-pem chain (AWS ALB)"),
                () -> assertEquals(
                        200,
                        viaProxy("traefik.example", Map.of("X-Forwarded-Tls-Client-Cert", traefik))
                                .status(),
                        "traefik"));
    }

    @Test
    void forwardedCertificatesAreVerifiedLikeTlsOnes() throws Exception {
        X509Certificate stranger = STRANGER_CA.leaf("CN=stranger").issue().certificate();
        X509Certificate expired = CLIENT_CA.leaf("CN=old").expired().issue().certificate();
        X509Certificate serverOnly =
                CLIENT_CA.leaf("CN=not for clients").server().issue().certificate();
        assertAll(
                () -> assertEquals(
                        403,
                        viaProxy("rfc.example", Map.of("Client-Cert", rfc(stranger)))
                                .status()),
                () -> assertEquals(
                        403,
                        viaProxy("rfc.example", Map.of("Client-Cert", rfc(expired)))
                                .status()),
                () -> assertEquals(
                        403,
                        viaProxy("rfc.example", Map.of("Client-Cert", rfc(serverOnly)))
                                .status()),
                () -> assertEquals(
                        403,
                        viaProxy("nginx.example", Map.of("X-Client-Cert", escapedPem(stranger)))
                                .status()),
                () -> assertEquals(403, viaProxy("rfc.example", Map.of()).status(), "no certificate"),
                () -> assertEquals(
                        403,
                        viaProxy("nginx.example", Map.of("X-Client-Cert", "")).status(),
                        "empty"));
    }

    @Test
    void aSpoofedChainNextToTheLeafProvesNothing() throws Exception {
        // The client makes its own "CN=forwarding clients CA" and sends it as the chain: only the
        // configured anchors anchor.
        TestCa fake = TestCa.root("CN=forwarding clients CA,O=certgate test");
        X509Certificate forged = fake.leaf("CN=alice").issue().certificate();
        assertEquals(
                403,
                viaProxy(
                                "rfc.example",
                                Map.of(
                                        "Client-Cert",
                                        rfc(forged),
                                        "Client-Cert-Chain",
                                        rfc(fake.certificate()) + ", " + rfc(CLIENT_CA.certificate())))
                        .status());
        assertEquals(
                403,
                viaProxy(
                                "nginx.example",
                                Map.of(
                                        "X-Client-Cert",
                                        escapedPem(forged, fake.certificate(), CLIENT_CA.certificate())))
                        .status());
        // A valid leaf with junk next to it still verifies: the path is built from the anchors.
        assertEquals(
                200,
                viaProxy(
                                "rfc.example",
                                Map.of(
                                        "Client-Cert",
                                        rfc(valid.certificate()),
                                        "Client-Cert-Chain",
                                        rfc(fake.certificate())))
                        .status());
    }

    @Test
    void severalXfccElementsOnlyTheLastCounts() throws Exception {
        X509Certificate stranger = STRANGER_CA.leaf("CN=stranger").issue().certificate();
        assertEquals(
                200,
                viaProxy(
                                "xfcc.example",
                                Map.of(
                                        "X-Forwarded-Client-Cert",
                                        xfccElement(stranger) + "," + xfccElement(valid.certificate())))
                        .status());
        assertEquals(
                403,
                viaProxy(
                                "xfcc.example",
                                Map.of(
                                        "X-Forwarded-Client-Cert",
                                        xfccElement(valid.certificate()) + "," + xfccElement(stranger)))
                        .status());
        assertEquals(
                403,
                viaProxy(
                                "xfcc.example",
                                Map.of(
                                        "X-Forwarded-Client-Cert",
                                        xfccElement(valid.certificate()) + ",By=spiffe://mesh/app;URI=spiffe://x"))
                        .status(),
                "the nearest hop forwarded no certificate");
    }

    @Test
    void malformedAndOversizedHeadersMeanNoCertificate() throws Exception {
        long malformed = counter("malformed");
        long oversized = counter("oversized");
        assertEquals(
                403,
                viaProxy("rfc.example", Map.of("Client-Cert", "not-a-byte-sequence"))
                        .status());
        assertEquals(
                403,
                viaProxy("nginx.example", Map.of("X-Client-Cert", escapedPem(valid.certificate()) + "%ZZ"))
                        .status());
        assertEquals(malformed + 2, counter("malformed"));
        // Within the cap alone, over it with the chain.
        String leaf = rfc(valid.certificate());
        assertTrue(leaf.length() < 1200, "an EC leaf is small: " + leaf.length());
        assertEquals(200, viaProxy("small.example", Map.of("Client-Cert", leaf)).status());
        assertEquals(
                403,
                viaProxy(
                                "small.example",
                                Map.of(
                                        "Client-Cert",
                                        leaf,
                                        "Client-Cert-Chain",
                                        rfc(CLIENT_CA.certificate()) + ", " + rfc(STRANGER_CA.certificate())))
                        .status());
        assertEquals(oversized + 1, counter("oversized"));
    }

    // --- who may send them

    @Test
    void fromAnUntrustedPeerTheHeadersAreHiddenAndTheTlsCertificateCounts() throws Exception {
        long hidden = counter("untrusted-hidden");
        // A direct client with a spoofed header and no TLS certificate: blocked.
        assertEquals(
                403,
                direct(null, "rfc.example", Map.of("Client-Cert", rfc(valid.certificate())))
                        .status());
        // A direct client with its own valid TLS certificate is served as usual; the header does not matter.
        TestIdentity stranger = STRANGER_CA.leaf("CN=stranger").issue();
        assertEquals(
                200,
                direct(valid, "rfc.example", Map.of("Client-Cert", rfc(stranger.certificate())))
                        .status());
        // On a public group the application never sees the spoofed header.
        TlsProbe.Answer a = direct(
                null,
                "hide.example",
                Map.of(
                        "Client-Cert",
                        rfc(valid.certificate()),
                        "Client-Cert-Chain",
                        rfc(CLIENT_CA.certificate()),
                        "X-Other",
                        "kept"));
        assertEquals(200, a.status());
        assertFalse(a.body().contains("client-cert,") || a.body().contains("client-cert-chain"), a.body());
        assertTrue(a.body().contains("client-cert-header=false"), a.body());
        assertTrue(a.body().contains("x-other"), a.body());
        assertEquals(hidden + 3, counter("untrusted-hidden"));
        // From the trusted proxy the header reaches the application.
        assertTrue(viaProxy("hide.example", Map.of("Client-Cert", rfc(valid.certificate())))
                .body()
                .contains("client-cert-header=true"));
    }

    @Test
    void fromAnUntrustedPeerTheRequestCanBeRefused() throws Exception {
        long refused = counter("untrusted-refused");
        assertEquals(
                400,
                direct(valid, "alb.example", Map.of("X-Amzn-Mtls-Clientcert", escapedPem(valid.certificate())))
                        .status(),
                "bad-request even with a valid TLS certificate");
        assertEquals(
                403,
                direct(valid, "traefik.example", Map.of("X-Forwarded-Tls-Client-Cert", "x"))
                        .status(),
                "block");
        assertEquals(200, direct(valid, "alb.example", Map.of()).status(), "without the header, as usual");
        assertEquals(refused + 2, counter("untrusted-refused"));
    }

    @Test
    void aTrustedProxyForwardingNoCertificateNeverFallsBackToItsOwn() throws Exception {
        // The proxy's own TLS client certificate (an origin-pull certificate, say) is not the client's.
        TlsProbe.Answer noFallback = TlsProbe.get(
                "127.0.0.1",
                TlsProbe.port(server, 0),
                proxyCertificate,
                SERVER_CA.certificate(),
                "rfc.example",
                "/",
                Map.of());
        assertEquals(403, noFallback.status());
        TlsProbe.Answer fallback = TlsProbe.get(
                "127.0.0.1",
                TlsProbe.port(server, 0),
                proxyCertificate,
                SERVER_CA.certificate(),
                "fallback.example",
                "/",
                Map.of());
        assertEquals(200, fallback.status(), "tls-fallback=true");
    }

    @Test
    void ipv6TrustedProxy() throws Exception {
        assertEquals(
                200,
                direct(null, "v6.example", Map.of("Client-Cert", rfc(valid.certificate())))
                        .status());
        assertEquals(
                403,
                viaProxy("v6.example", Map.of("Client-Cert", rfc(valid.certificate())))
                        .status(),
                "127.0.0.1 is not this group's proxy");
    }

    @Test
    void theVerifiedForwardedChainCanBeExposedToTheApplication() throws Exception {
        X509Certificate stranger = STRANGER_CA.leaf("CN=stranger").issue().certificate();
        TlsProbe.Answer verified = TlsProbe.get(
                "127.0.0.1",
                TlsProbe.port(server, 0),
                proxyCertificate,
                SERVER_CA.certificate(),
                "expose.example",
                "/",
                Map.of("X-Forwarded-Client-Cert", xfccElement(valid.certificate())));
        assertTrue(verified.body().contains("subject=CN=alice"), verified.body());
        TlsProbe.Answer unverified = TlsProbe.get(
                "127.0.0.1",
                TlsProbe.port(server, 0),
                proxyCertificate,
                SERVER_CA.certificate(),
                "expose.example",
                "/",
                Map.of("X-Forwarded-Client-Cert", xfccElement(stranger)));
        assertTrue(
                unverified.body().contains("subject=none"), "neither the stranger nor the proxy: " + unverified.body());
        // Without expose the attribute is the container's (here: the proxy's own certificate).
        TlsProbe.Answer plain = TlsProbe.get(
                "127.0.0.1",
                TlsProbe.port(server, 0),
                proxyCertificate,
                SERVER_CA.certificate(),
                "hide.example",
                "/",
                Map.of("Client-Cert", rfc(valid.certificate())));
        assertTrue(plain.body().contains("subject=CN=the proxy itself"), plain.body());
    }

    // --- address and host

    @Test
    void ipSrcFromXForwardedForOnlyThroughTrustedProxies() throws Exception {
        Map<String, String> xff =
                Map.of("Client-Cert", rfc(valid.certificate()), "X-Forwarded-For", "6.6.6.6, 198.51.100.66");
        assertEquals(451, viaProxy("rfc.example", xff).status(), "the right-most untrusted address");
        assertEquals(
                200,
                viaProxy(
                                "rfc.example",
                                Map.of(
                                        "Client-Cert",
                                        rfc(valid.certificate()),
                                        "X-Forwarded-For",
                                        "198.51.100.66, 203.0.113.1"))
                        .status(),
                "the client wrote the banned one itself");
        assertEquals(200, direct(valid, "rfc.example", xff).status(), "from a stranger the header is ignored");
        assertEquals(
                451,
                direct(
                                null,
                                "v6.example",
                                Map.of(
                                        "Client-Cert",
                                        rfc(valid.certificate()),
                                        "X-Forwarded-For",
                                        "[2001:db8::66]:1234"))
                        .status(),
                "IPv6 through the IPv6 proxy");
    }

    @Test
    void forwardedHostOnlyFromTrustedProxies() throws Exception {
        assertEquals(
                200,
                viaProxy("unlisted.example", Map.of("X-Forwarded-Host", "public.example"))
                        .status());
        assertEquals(
                403,
                direct(null, "unlisted.example", Map.of("X-Forwarded-Host", "public.example"))
                        .status());
        // The host picks the group: a trusted proxy's host for an mTLS group needs the certificate.
        assertEquals(
                403,
                viaProxy("public.example", Map.of("X-Forwarded-Host", "rfc.example"))
                        .status());
    }

    /** Answers with the certificate subject and the header names the application sees. */
    static final class EchoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Object chain = req.getAttribute("jakarta.servlet.request.X509Certificate");
            String subject = chain instanceof X509Certificate[] c
                    ? c[0].getSubjectX500Principal().getName()
                    : "none";
            String names = Collections.list(req.getHeaderNames()).stream()
                    .map(n -> n.toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(","));
            resp.setContentType("text/plain");
            resp.getWriter()
                    .print("subject=" + subject + "\nheaders=" + names + "\nclient-cert-header="
                            + (req.getHeader("Client-Cert") != null));
        }
    }
}
