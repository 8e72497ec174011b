package dev.certgate.bench.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.certgate.testing.TestCa;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The CRL distribution point and the OCSP responder of the issuing CA, on 127.0.0.1 in the driver
 * JVM: {@code GET /issuing.crl} serves the (100,000-entry) CRL, {@code POST /ocsp} and {@code GET /ocsp/<base64>} answer
 * OCSP requests (signed by the issuing CA itself), and {@link #failOcsp} makes the responder
 * answer HTTP 500 to test that a warm cache keeps decisions right.
 */
final class RevocationServers implements AutoCloseable {
    private final HttpServer http;
    private final Pki pki;
    private final Set<BigInteger> revoked;
    private final Duration ocspValidity;
    private final byte[] crl;
    private final byte[] refreshed;
    private volatile boolean ocspFailing;
    final AtomicLong crlFetches = new AtomicLong();
    final AtomicLong ocspRequests = new AtomicLong();
    final AtomicLong ocspFailures = new AtomicLong();

    /**
     * @param crl served on the first fetch (start-up)
     * @param refreshed served on every later fetch: a newer CRL (higher cRLNumber, same entries), so the
     *     first refresh during the run replaces the loaded CRL instead of re-reading the same one
     */
    RevocationServers(Pki pki, byte[] crl, byte[] refreshed, Duration ocspValidity) throws IOException {
        this.pki = pki;
        this.crl = crl;
        this.refreshed = refreshed;
        this.revoked = Set.copyOf(pki.revokedSerials);
        this.ocspValidity = ocspValidity;
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        http.createContext("/issuing.crl", this::serveCrl);
        http.createContext("/ocsp", this::serveOcsp);
        http.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "revocation-http");
            t.setDaemon(true);
            return t;
        }));
        http.start();
    }

    String crlUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/issuing.crl";
    }

    String ocspUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/ocsp";
    }

    void failOcsp(boolean failing) {
        this.ocspFailing = failing;
    }

    private void serveCrl(HttpExchange ex) throws IOException {
        byte[] body = crlFetches.incrementAndGet() == 1 ? crl : refreshed;
        ex.getResponseHeaders().set("Content-Type", "application/pkix-crl");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private void serveOcsp(HttpExchange ex) throws IOException {
        ocspRequests.incrementAndGet();
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        if ("GET".equals(ex.getRequestMethod())) {
            // RFC 6960 A.1: GET {url}/{url-encoding of base-64 encoding of the DER request}
            String path = ex.getRequestURI().getRawPath();
            String encoded =
                    path.substring(path.indexOf("/ocsp") + "/ocsp".length()).replaceFirst("^/", "");
            try {
                body = Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                body = new byte[0];
            }
        }
        if (ocspFailing) {
            ocspFailures.incrementAndGet();
            ex.sendResponseHeaders(500, -1);
            ex.close();
            return;
        }
        byte[] answer;
        try {
            answer = answer(new OCSPReq(body));
        } catch (Exception e) {
            ex.sendResponseHeaders(400, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/ocsp-response");
        ex.sendResponseHeaders(200, answer.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(answer);
        }
    }

    private byte[] answer(OCSPReq request) throws Exception {
        var digests = new JcaDigestCalculatorProviderBuilder().build();
        BasicOCSPRespBuilder b = new JcaBasicOCSPRespBuilder(
                pki.issuing.certificate().getPublicKey(), digests.get(CertificateID.HASH_SHA1));
        Date now = new Date();
        Date next = new Date(now.getTime() + ocspValidity.toMillis());
        for (Req r : request.getRequestList()) {
            CertificateID id = r.getCertID();
            CertificateStatus status = revoked.contains(id.getSerialNumber())
                    ? new RevokedStatus(new Date(now.getTime() - 86_400_000L), CRLReason.keyCompromise)
                    : CertificateStatus.GOOD;
            b.addResponse(id, status, new Date(now.getTime() - 60_000), next, null);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            b.setResponseExtensions(new Extensions(nonce));
        }
        BasicOCSPResp basic = b.build(
                TestCa.signer(pki.issuing.keyPair()),
                new X509CertificateHolder[] {Pki.holder(pki.issuing.certificate())},
                now);
        OCSPResp resp = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
        return resp.getEncoded();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
