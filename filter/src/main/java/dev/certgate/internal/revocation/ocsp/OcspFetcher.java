package dev.certgate.internal.revocation.ocsp;

import dev.certgate.internal.revocation.ExtensionValues;
import dev.certgate.internal.revocation.HttpFetch;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Gets a verified answer for one certificate: from the configured saved responses first, then
 * (unless fetching is off) from the responder named in the certificate's AIA or configured,
 * by HTTP GET when the request is small (≤ 255 bytes encoded, RFC 6960 A.1) and POST otherwise.
 */
final class OcspFetcher {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OcspSettings settings;
    private final OcspResponseVerifier verifier;
    private final List<StoredResponse> stored;
    private final HttpFetch http;

    /** A saved DER response and where it came from. */
    record StoredResponse(String source, byte[] der) {}

    /** The configured responder certificates. */
    List<X509Certificate> trustedResponders() {
        return verifier.trustedResponders();
    }

    OcspFetcher(OcspSettings settings, OcspResponseVerifier verifier, List<StoredResponse> stored) {
        this.settings = settings;
        this.verifier = verifier;
        this.stored = List.copyOf(stored);
        this.http = new HttpFetch(settings.connectTimeout(), settings.readTimeout(), settings.maxResponseSize());
    }

    OcspAnswer fetch(
            X509Certificate certificate, X509Certificate issuer, java.security.PublicKey issuerKey, Instant now)
            throws OcspException {
        OcspException storedProblem = null;
        for (StoredResponse response : stored) {
            try {
                return verifier.verify(
                        response.der(), certificate, issuer, issuerKey, null, false, now, response.source());
            } catch (OcspException e) {
                if (!e.getMessage().contains("not about this certificate")) {
                    storedProblem = e;
                }
            }
        }
        if (!settings.fetch()) {
            throw storedProblem != null
                    ? storedProblem
                    : new OcspException("no saved OCSP response for this certificate");
        }
        URI responder = responder(certificate);
        if (responder == null) {
            throw new OcspException("no OCSP responder: the certificate has no AIA OCSP URL and none is configured");
        }
        byte[] nonce = null;
        try {
            OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(certificateId(certificate, issuer));
            if (settings.nonce() != OcspSettings.Nonce.OFF) {
                byte[] random = new byte[16];
                RANDOM.nextBytes(random);
                nonce = OcspResponseVerifier.encodedNonce(random);
                // The nonce goes in requestExtensions (RFC 8954), not in a single request's.
                builder.setRequestExtensions(new Extensions(
                        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))));
            }
            byte[] request = builder.build().getEncoded();
            byte[] response = send(responder, request);
            return verifier.verify(
                    response,
                    certificate,
                    issuer,
                    issuerKey,
                    nonce,
                    settings.nonce() == OcspSettings.Nonce.REQUIRE,
                    now,
                    responder.toString());
        } catch (IOException e) {
            throw new OcspException("OCSP responder " + responder + " failed: " + e.getMessage(), e);
        } catch (OcspException e) {
            throw e;
        } catch (Exception e) {
            throw new OcspException("OCSP request to " + responder + " failed: " + e, e);
        }
    }

    private byte[] send(URI responder, byte[] request) throws IOException {
        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
        if (encoded.length() <= 255) {
            String base = responder.toString();
            URI get = URI.create(base + (base.endsWith("/") ? "" : "/") + encoded);
            return http.get(get, java.util.Optional.empty(), java.util.Optional.empty(), "application/ocsp-response")
                    .body();
        }
        return http.post(responder, request, "application/ocsp-request", "application/ocsp-response")
                .body();
    }

    static CertificateID certificateId(X509Certificate certificate, X509Certificate issuer) throws Exception {
        return new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer),
                certificate.getSerialNumber());
    }

    private URI responder(X509Certificate certificate) {
        if (settings.responderOverride()) {
            return settings.responder();
        }
        URI fromAia = aiaResponder(certificate);
        return fromAia != null ? fromAia : settings.responder();
    }

    static URI aiaResponder(X509Certificate certificate) {
        try {
            ASN1Primitive inner = ExtensionValues.of(certificate, Extension.authorityInfoAccess.getId());
            if (inner == null) {
                return null;
            }
            for (AccessDescription description :
                    AuthorityInformationAccess.getInstance(inner).getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (AccessDescription.id_ad_ocsp.equals(description.getAccessMethod())
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    URI uri = URI.create(location.getName().toString());
                    if ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) {
                        return uri;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
