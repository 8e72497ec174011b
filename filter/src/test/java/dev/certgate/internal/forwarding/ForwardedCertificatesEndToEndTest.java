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
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
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
        Path ca = CLIENT_CA.writePem(dir.resolve("clients-ca.pem"));

        Properties p = new Properties();
        p.load(new StringReader("""
                certgate.trusted-proxies = 127.0.0.1
                certgate.client-address = x-forwarded-for
                certgate.forwarded-host = x-forwarded-host
                certgate.rules = banned
                certgate.rule.banned.expression = ip.src in {198.51.100.66 2001:db8::66}
                certgate.rule.banned.action = block
                certgate.rule.banned.response.status = 451
                certgate.hosts = rfc,xfcc,nginx,alb,traefik,fallback,expose,hide,v6,small,public
                certgate.host.nginx.forwarded-cert.header = X-Client-Cert
                certgate.host.alb.forwarded-cert.header = X-Amzn-Mtls-Clientcert
                certgate.host.alb.forwarded-cert.from-untrusted = bad-request
                certgate.host.traefik.forwarded-cert.from-untrusted = block
                certgate.host.fallback.forwarded-cert.tls-fallback = true
                certgate.host.expose.forwarded-cert.expose = true
                certgate.host.expose.mtls = false
                certgate.host.hide.mtls = false
                certgate.host.v6.trusted-proxies = ::1/128
                certgate.host.small.forwarded-cert.max-bytes = 1200
                certgate.host.public.names = public.example
                certgate.host.public.mtls = false
                """));
        p.setProperty("certgate.trust", ca.toString());
        // group id → forwarded-cert format; each answers for <id>.example
        Map.of(
                        "rfc", "rfc9440",
                        "xfcc", "xfcc",
                        "nginx", "escaped-pem",
                        "alb", "escaped-pem",
                        "traefik", "traefik",
                        "fallback", "rfc9440",
                        "expose", "xfcc",
                        "hide", "rfc9440",
                        "v6", "rfc9440",
                        "small", "rfc9440")
                .forEach((id, format) -> {
                    p.setProperty("certgate.host." + id + ".names", id + ".example");
                    p.setProperty("certgate.host." + id + ".forwarded-cert.format", format);
                });

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(CertGateFilter.class);
        p.forEach((key, value) -> filter.setInitParameter((String) key, (String) value));
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new EchoServlet()), "/*");
        server = TlsProbe.start(context, SERVER_CA, dir);
        policy = (Policy) context.getServletContext().getAttribute(Operations.POLICY_ATTRIBUTE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    // --- requests

    /** A request from the trusted proxy's address (127.0.0.1), presenting tls (or no) certificate. */
    private static TlsProbe.Answer viaProxy(TestIdentity tls, String host, Map<String, String> headers)
            throws Exception {
        return TlsProbe.get("127.0.0.1", TlsProbe.port(server, 0), tls, SERVER_CA.certificate(), host, "/", headers);
    }

    private static TlsProbe.Answer viaProxy(String host, Map<String, String> headers) throws Exception {
        return viaProxy(null, host, headers);
    }

    /** A request from a stranger's address (::1). */
    private static TlsProbe.Answer direct(TestIdentity tls, String host, Map<String, String> headers) throws Exception {
        return TlsProbe.get("::1", TlsProbe.port(server, 1), tls, SERVER_CA.certificate(), host, "/", headers);
    }

    private static void assertViaProxy(int status, String host, Map<String, String> headers, String... why)
            throws Exception {
        assertEquals(status, viaProxy(host, headers).status(), String.join("", why));
    }

    private static void assertDirect(
            int status, TestIdentity tls, String host, Map<String, String> headers, String... why) throws Exception {
        assertEquals(status, direct(tls, host, headers).status(), String.join("", why));
    }

    /** The rfc9440 headers of a leaf and the chain next to it. */
    private static Map<String, String> rfc9440(X509Certificate leaf, X509Certificate... chain) throws Exception {
        if (chain.length == 0) {
            return Map.of("Client-Cert", rfc(leaf));
        }
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : chain) {
            sb.append(sb.length() == 0 ? "" : ", ").append(rfc(c));
        }
        return Map.of("Client-Cert", rfc(leaf), "Client-Cert-Chain", sb.toString());
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
                () -> assertViaProxy(200, "rfc.example", rfc9440(leaf), "rfc9440"),
                () -> assertViaProxy(200, "xfcc.example", Map.of("X-Forwarded-Client-Cert", xfccElement(leaf)), "xfcc"),
                () -> assertViaProxy(
                        200, "nginx.example", Map.of("X-Client-Cert", escapedPem(leaf)), "escaped-pem (nginx)"),
                () -> assertViaProxy(
                        200,
                        "alb.example",
                        Map.of("X-Amzn-Mtls-Clientcert", escapedPem(leaf, CLIENT_CA.certificate())),
                        "escaped-pem chain (AWS ALB)"),
                () -> assertViaProxy(
                        200, "traefik.example", Map.of("X-Forwarded-Tls-Client-Cert", traefik), "traefik"));
    }

    @Test
    void forwardedCertificatesAreVerifiedLikeTlsOnes() throws Exception {
        X509Certificate stranger = STRANGER_CA.leaf("CN=stranger").issue().certificate();
        X509Certificate expired = CLIENT_CA.leaf("CN=old").expired().issue().certificate();
        X509Certificate serverOnly =
                CLIENT_CA.leaf("CN=not for clients").server().issue().certificate();
        assertAll(
                () -> assertViaProxy(403, "rfc.example", rfc9440(stranger)),
                () -> assertViaProxy(403, "rfc.example", rfc9440(expired)),
                () -> assertViaProxy(403, "rfc.example", rfc9440(serverOnly)),
                () -> assertViaProxy(403, "nginx.example", Map.of("X-Client-Cert", escapedPem(stranger))),
                () -> assertViaProxy(403, "rfc.example", Map.of(), "no certificate"),
                () -> assertViaProxy(403, "nginx.example", Map.of("X-Client-Cert", ""), "empty"));
    }

    @Test
    void aSpoofedChainNextToTheLeafProvesNothing() throws Exception {
        // The client makes its own "CN=forwarding clients CA" and sends it as the chain: only the
        // configured anchors anchor.
        TestCa fake = TestCa.root("CN=forwarding clients CA,O=certgate test");
        X509Certificate forged = fake.leaf("CN=alice").issue().certificate();
        assertViaProxy(403, "rfc.example", rfc9440(forged, fake.certificate(), CLIENT_CA.certificate()));
        assertViaProxy(
                403,
                "nginx.example",
                Map.of("X-Client-Cert", escapedPem(forged, fake.certificate(), CLIENT_CA.certificate())));
        // A valid leaf with junk next to it still verifies: the path is built from the anchors.
        assertViaProxy(200, "rfc.example", rfc9440(valid.certificate(), fake.certificate()));
    }

    @Test
    void severalXfccElementsOnlyTheLastCounts() throws Exception {
        X509Certificate stranger = STRANGER_CA.leaf("CN=stranger").issue().certificate();
        String validElement = xfccElement(valid.certificate());
        assertViaProxy(
                200, "xfcc.example", Map.of("X-Forwarded-Client-Cert", xfccElement(stranger) + "," + validElement));
        assertViaProxy(
                403, "xfcc.example", Map.of("X-Forwarded-Client-Cert", validElement + "," + xfccElement(stranger)));
        assertViaProxy(
                403,
                "xfcc.example",
                Map.of("X-Forwarded-Client-Cert", validElement + ",By=spiffe://mesh/app;URI=spiffe://x"),
                "the nearest hop forwarded no certificate");
    }

    @Test
    void malformedAndOversizedHeadersMeanNoCertificate() throws Exception {
        long malformed = counter("malformed");
        long oversized = counter("oversized");
        assertViaProxy(403, "rfc.example", Map.of("Client-Cert", "not-a-byte-sequence"));
        assertViaProxy(403, "nginx.example", Map.of("X-Client-Cert", escapedPem(valid.certificate()) + "%ZZ"));
        assertEquals(malformed + 2, counter("malformed"));
        // Within the cap alone, over it with the chain.
        String leaf = rfc(valid.certificate());
        assertTrue(leaf.length() < 1200, "an EC leaf is small: " + leaf.length());
        assertViaProxy(200, "small.example", rfc9440(valid.certificate()));
        assertViaProxy(
                403, "small.example", rfc9440(valid.certificate(), CLIENT_CA.certificate(), STRANGER_CA.certificate()));
        assertEquals(oversized + 1, counter("oversized"));
    }

    // --- who may send them

    @Test
    void fromAnUntrustedPeerTheHeadersAreHiddenAndTheTlsCertificateCounts() throws Exception {
        long hidden = counter("untrusted-hidden");
        // A direct client with a spoofed header and no TLS certificate: blocked.
        assertDirect(403, null, "rfc.example", rfc9440(valid.certificate()));
        // A direct client with its own valid TLS certificate is served as usual; the header does not matter.
        TestIdentity stranger = STRANGER_CA.leaf("CN=stranger").issue();
        assertDirect(200, valid, "rfc.example", rfc9440(stranger.certificate()));
        // On a public group the application never sees the spoofed header.
        Map<String, String> spoofed = new java.util.HashMap<>(rfc9440(valid.certificate(), CLIENT_CA.certificate()));
        spoofed.put("X-Other", "kept");
        TlsProbe.Answer a = direct(null, "hide.example", spoofed);
        assertEquals(200, a.status());
        assertFalse(a.body().contains("client-cert,") || a.body().contains("client-cert-chain"), a.body());
        assertTrue(a.body().contains("client-cert-header=false"), a.body());
        assertTrue(a.body().contains("x-other"), a.body());
        assertEquals(hidden + 3, counter("untrusted-hidden"));
        // From the trusted proxy the header reaches the application.
        assertTrue(viaProxy("hide.example", rfc9440(valid.certificate())).body().contains("client-cert-header=true"));
    }

    @Test
    void fromAnUntrustedPeerTheRequestCanBeRefused() throws Exception {
        long refused = counter("untrusted-refused");
        assertDirect(
                400,
                valid,
                "alb.example",
                Map.of("X-Amzn-Mtls-Clientcert", escapedPem(valid.certificate())),
                "bad-request even with a valid TLS certificate");
        assertDirect(403, valid, "traefik.example", Map.of("X-Forwarded-Tls-Client-Cert", "x"), "block");
        assertDirect(200, valid, "alb.example", Map.of(), "without the header, as usual");
        assertEquals(refused + 2, counter("untrusted-refused"));
    }

    @Test
    void aTrustedProxyForwardingNoCertificateNeverFallsBackToItsOwn() throws Exception {
        // The proxy's own TLS client certificate (an origin-pull certificate, say) is not the client's.
        assertEquals(403, viaProxy(proxyCertificate, "rfc.example", Map.of()).status());
        assertEquals(
                200, viaProxy(proxyCertificate, "fallback.example", Map.of()).status(), "tls-fallback=true");
    }

    @Test
    void ipv6TrustedProxy() throws Exception {
        assertDirect(200, null, "v6.example", rfc9440(valid.certificate()));
        assertViaProxy(403, "v6.example", rfc9440(valid.certificate()), "127.0.0.1 is not this group's proxy");
    }

    @Test
    void theVerifiedForwardedChainCanBeExposedToTheApplication() throws Exception {
        X509Certificate stranger = STRANGER_CA.leaf("CN=stranger").issue().certificate();
        TlsProbe.Answer verified = viaProxy(
                proxyCertificate,
                "expose.example",
                Map.of("X-Forwarded-Client-Cert", xfccElement(valid.certificate())));
        assertTrue(verified.body().contains("subject=CN=alice"), verified.body());
        TlsProbe.Answer unverified =
                viaProxy(proxyCertificate, "expose.example", Map.of("X-Forwarded-Client-Cert", xfccElement(stranger)));
        assertTrue(
                unverified.body().contains("subject=none"), "neither the stranger nor the proxy: " + unverified.body());
        // Without expose the attribute is the container's (here: the proxy's own certificate).
        TlsProbe.Answer plain = viaProxy(proxyCertificate, "hide.example", rfc9440(valid.certificate()));
        assertTrue(plain.body().contains("subject=CN=the proxy itself"), plain.body());
    }

    // --- address and host

    @Test
    void ipSrcFromXForwardedForOnlyThroughTrustedProxies() throws Exception {
        String cert = rfc(valid.certificate());
        Map<String, String> xff = Map.of("Client-Cert", cert, "X-Forwarded-For", "6.6.6.6, 198.51.100.66");
        assertViaProxy(451, "rfc.example", xff, "the right-most untrusted address");
        assertViaProxy(
                200,
                "rfc.example",
                Map.of("Client-Cert", cert, "X-Forwarded-For", "198.51.100.66, 203.0.113.1"),
                "the client wrote the banned one itself");
        assertDirect(200, valid, "rfc.example", xff, "from a stranger the header is ignored");
        assertDirect(
                451,
                null,
                "v6.example",
                Map.of("Client-Cert", cert, "X-Forwarded-For", "[2001:db8::66]:1234"),
                "IPv6 through the IPv6 proxy");
    }

    @Test
    void forwardedHostOnlyFromTrustedProxies() throws Exception {
        assertViaProxy(200, "unlisted.example", Map.of("X-Forwarded-Host", "public.example"));
        assertDirect(403, null, "unlisted.example", Map.of("X-Forwarded-Host", "public.example"));
        // The host picks the group: a trusted proxy's host for an mTLS group needs the certificate.
        assertViaProxy(403, "public.example", Map.of("X-Forwarded-Host", "rfc.example"));
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
