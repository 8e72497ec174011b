package dev.certgate.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * An OCSP responder built with BC, over a real HTTP server (GET and POST). What it answers is
 * set per test: status per serial, signer (CA, delegate, wrong key), staleness, garbage, delay.
 */
public final class TestOcspResponder implements AutoCloseable {

    public enum Mode {
        NORMAL,
        STALE,
        GARBAGE,
        TRY_LATER,
        BAD_SIGNATURE
    }

    private final TestCa ca;
    private final TestHttpServer server;
    public final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    public final Set<BigInteger> unknown = ConcurrentHashMap.newKeySet();
    public volatile Mode mode = Mode.NORMAL;
    /** Who signs: the CA by default, or a delegate (its certificate is included). */
    public volatile TestIdentity signer;

    public volatile KeyPair signingKeyOverride;
    public volatile Duration delay = Duration.ZERO;
    public volatile boolean echoNonce = true;
    public volatile boolean down;
    public volatile Duration validity = Duration.ofHours(1);
    /** The responder's clock: the CA's reference time unless changed. */
    public volatile Instant now;

    public TestOcspResponder(TestCa ca) throws IOException {
        this.ca = ca;
        this.signer = ca.identity();
        this.now = ca.now();
        this.server = TestHttpServer.start((exchange, body) -> {
            if (down) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            sleep(delay);
            byte[] request = body;
            if ("GET".equals(exchange.getRequestMethod())) {
                String path = exchange.getRequestURI().getRawPath();
                String last = path.substring(path.lastIndexOf('/') + 1);
                request = Base64.getDecoder().decode(URLDecoder.decode(last, StandardCharsets.US_ASCII));
            }
            byte[] response = answer(request);
            exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
        });
    }

    public int requests() {
        return server.requests.get();
    }

    public String url() {
        return server.url("/ocsp");
    }

    /** A response for certificate serial as this responder would give now (for saved-response tests). */
    public byte[] answerFor(BigInteger serial) throws Exception {
        return build(new CertificateID[] {certificateId(ca.certificate(), serial)}, null);
    }

    /**
     * A signed OCSP response made without a server (for files and decoders): about cert, issued by
     * issuer, signed by signer (its certificate included unless it is the issuer), produced at now,
     * valid from ten minutes before now for four hours; revokedReason (a BC CRLReason) null is good.
     */
    public static byte[] response(
            TestIdentity signer, X509Certificate cert, X509Certificate issuer, Integer revokedReason, Instant now)
            throws Exception {
        CertificateStatus status = revokedReason == null
                ? CertificateStatus.GOOD
                : new RevokedStatus(Date.from(now.minus(Duration.ofDays(1))), revokedReason);
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(signer.name()));
        builder.addResponse(
                certificateId(issuer, cert.getSerialNumber()),
                status,
                Date.from(now.minus(Duration.ofMinutes(10))),
                Date.from(now.plus(Duration.ofHours(4))),
                null);
        return sign(builder, signer, signer.keyPair(), !signer.certificate().equals(issuer), now);
    }

    private static CertificateID certificateId(X509Certificate issuer, BigInteger serial) throws Exception {
        return new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer),
                serial);
    }

    /** A successful response of the builder's answers, signed with keys in by's name (with by's certificate if asked). */
    private static byte[] sign(
            BasicOCSPRespBuilder builder, TestIdentity by, KeyPair keys, boolean withCertificate, Instant producedAt)
            throws Exception {
        X509CertificateHolder[] chain =
                withCertificate ? new X509CertificateHolder[] {new JcaX509CertificateHolder(by.certificate())} : null;
        return new OCSPRespBuilder()
                .build(OCSPRespBuilder.SUCCESSFUL, builder.build(TestCa.signer(keys), chain, Date.from(producedAt)))
                .getEncoded();
    }

    private byte[] answer(byte[] request) {
        try {
            if (mode == Mode.GARBAGE) {
                return "this is not an OCSP response".getBytes(StandardCharsets.US_ASCII);
            }
            if (mode == Mode.TRY_LATER) {
                return new OCSPRespBuilder()
                        .build(OCSPRespBuilder.TRY_LATER, null)
                        .getEncoded();
            }
            OCSPReq req = new OCSPReq(request);
            Req[] list = req.getRequestList();
            CertificateID[] ids = new CertificateID[list.length];
            for (int i = 0; i < list.length; i++) {
                ids[i] = list[i].getCertID();
            }
            Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            return build(ids, echoNonce ? nonce : null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] build(CertificateID[] ids, Extension nonce) throws Exception {
        TestIdentity by = signer;
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(by.name()));
        Instant thisUpdate = mode == Mode.STALE ? now.minus(Duration.ofDays(3)) : now.minusSeconds(60);
        Instant nextUpdate = thisUpdate.plus(validity);
        for (CertificateID id : ids) {
            CertificateStatus status = CertificateStatus.GOOD;
            if (revoked.contains(id.getSerialNumber())) {
                status = new RevokedStatus(Date.from(now.minus(Duration.ofDays(1))), CRLReason.keyCompromise);
            } else if (unknown.contains(id.getSerialNumber())) {
                status = new UnknownStatus();
            }
            builder.addResponse(id, status, Date.from(thisUpdate), Date.from(nextUpdate), null);
        }
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        KeyPair keys = signingKeyOverride != null ? signingKeyOverride : by.keyPair();
        byte[] basic = sign(builder, by, keys, by != ca.identity(), now);
        if (mode == Mode.BAD_SIGNATURE) {
            basic[basic.length - 5] ^= 0x5a; // flip bits inside the signature
        }
        return basic;
    }

    private static void sleep(Duration d) {
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }

    static OCSPResp parse(byte[] der) throws IOException {
        return new OCSPResp(der);
    }
}
