package dev.certgate.revocation.ocsp;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import dev.certgate.revocation.RevocationReason;
import dev.certgate.revocation.RevocationStatus;

/**
 * Turns the bytes of an OCSP response into a verified answer for one certificate, or refuses
 * (RFC 6960 §3.2, §4.2.2.2): successful basic response; signature valid; signer = the issuing
 * CA, a configured trusted responder, or a delegate issued by the CA with id-kp-OCSPSigning,
 * valid now (and, when so configured, carrying id-pkix-ocsp-nocheck); responderID names the signer; the SingleResponse
 * is for our CertID; fresh (with clock skew, max age without nextUpdate); nonce as configured.
 */
final class OcspResponseVerifier {

    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    private static final String OCSP_NOCHECK = "1.3.6.1.5.5.7.48.1.5";

    private final List<X509Certificate> trustedResponders;
    private final Duration clockSkew;
    private final Duration maxAge;
    private final DigestCalculatorProvider digests;
    private final boolean requireNoCheck;

    /**
     * @param requireNoCheck refuse delegated responders whose certificate lacks id-pkix-ocsp-nocheck.
     *                       RFC 6960 §4.2.2.2.1 leaves their status check to local policy; like
     *                       OpenSSL, the JDK and Go, the default accepts them unchecked.
     */
    /** The configured responder certificates. */
    List<X509Certificate> trustedResponders() {
        return trustedResponders;
    }

    OcspResponseVerifier(List<X509Certificate> trustedResponders, Duration clockSkew, Duration maxAge,
                         boolean requireNoCheck) {
        this.requireNoCheck = requireNoCheck;
        this.trustedResponders = List.copyOf(trustedResponders);
        this.clockSkew = clockSkew;
        this.maxAge = maxAge;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param nonce the nonce sent (encoded OCTET STRING), or null
     * @param nonceRequired whether the response must echo it
     */
    OcspAnswer verify(byte[] der, X509Certificate certificate, X509Certificate issuer, byte[] nonce,
                      boolean nonceRequired, Instant now, String source) throws OcspException {
        BasicOCSPResp basic = basicResponse(der);
        X509Certificate signer = authorisedSigner(basic, issuer, now);
        checkNonce(basic, nonce, nonceRequired);
        SingleResp single = responseFor(basic, certificate, issuer);
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(clockSkew))) {
            throw new OcspException("OCSP response from " + source + " is not valid yet (thisUpdate " + thisUpdate + ")");
        }
        Instant validUntil;
        if (single.getNextUpdate() != null) {
            validUntil = single.getNextUpdate().toInstant();
            if (now.isAfter(validUntil.plus(clockSkew))) {
                throw new OcspException("OCSP response from " + source + " is stale (nextUpdate " + validUntil + ")");
            }
        } else {
            validUntil = thisUpdate.plus(maxAge);
            if (now.isAfter(validUntil)) {
                throw new OcspException("OCSP response from " + source + " is older than the max age (thisUpdate " + thisUpdate + ")");
            }
        }
        CertificateStatus status = single.getCertStatus();
        String from = "ocsp " + source + " (signed by " + signer.getSubjectX500Principal().getName() + ")";
        if (status == CertificateStatus.GOOD) {
            return new OcspAnswer(RevocationStatus.good(from), validUntil);
        }
        if (status instanceof RevokedStatus revoked) {
            RevocationReason reason = revoked.hasRevocationReason()
                    ? RevocationReason.ofCode(revoked.getRevocationReason()) : RevocationReason.UNSPECIFIED;
            return new OcspAnswer(RevocationStatus.revoked(reason, revoked.getRevocationTime().toInstant(), from), validUntil);
        }
        if (status instanceof UnknownStatus) {
            throw new OcspException("OCSP responder " + source + " does not know the certificate (status unknown)");
        }
        throw new OcspException("OCSP response from " + source + " has an unrecognised status");
    }

    private static BasicOCSPResp basicResponse(byte[] der) throws OcspException {
        OCSPResp response;
        try {
            response = new OCSPResp(der);
        } catch (IOException | RuntimeException e) {
            throw new OcspException("malformed OCSP response: " + e.getMessage(), e);
        }
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new OcspException("OCSP responder answered with status " + response.getStatus() + " (not successful)");
        }
        ResponseBytes bytes = response.toASN1Structure().getResponseBytes();
        if (bytes == null || !OCSPObjectIdentifiers.id_pkix_ocsp_basic.equals(bytes.getResponseType())) {
            throw new OcspException("OCSP response is not of type id-pkix-ocsp-basic");
        }
        try {
            return (BasicOCSPResp) response.getResponseObject();
        } catch (OCSPException | RuntimeException e) {
            throw new OcspException("malformed basic OCSP response: " + e.getMessage(), e);
        }
    }

    private X509Certificate authorisedSigner(BasicOCSPResp basic, X509Certificate issuer, Instant now) throws OcspException {
        List<X509Certificate> authorised = new ArrayList<>();
        authorised.add(issuer);
        authorised.addAll(trustedResponders);
        for (X509Certificate candidate : authorised) {
            if (respIdMatches(basic.getResponderId().toASN1Primitive(), candidate) && signedBy(basic, candidate)) {
                return candidate;
            }
        }
        String refusal = "OCSP response not signed by the CA, a trusted responder or an authorised delegate";
        for (X509CertificateHolder holder : basic.getCerts()) {
            X509Certificate delegate;
            try {
                delegate = new JcaX509CertificateConverter().getCertificate(holder);
            } catch (CertificateException | RuntimeException e) {
                continue;
            }
            if (!respIdMatches(basic.getResponderId().toASN1Primitive(), delegate) || !signedBy(basic, delegate)) {
                continue;
            }
            String problem = delegationProblem(delegate, issuer, now);
            if (problem == null) {
                return delegate;
            }
            refusal = "OCSP response signed by an unauthorised responder " + delegate.getSubjectX500Principal().getName() + ": " + problem;
        }
        throw new OcspException(refusal);
    }

    /** Why delegate may not answer for issuer's certificates, or null when it may. */
    private String delegationProblem(X509Certificate delegate, X509Certificate issuer, Instant now) {
        if (!delegate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return "not issued by the certificate's CA";
        }
        try {
            delegate.verify(issuer.getPublicKey());
        } catch (Exception e) {
            return "not issued by the certificate's CA (signature)";
        }
        try {
            if (delegate.getExtendedKeyUsage() == null || !delegate.getExtendedKeyUsage().contains(OCSP_SIGNING)) {
                return "no id-kp-OCSPSigning extended key usage";
            }
            delegate.checkValidity(java.util.Date.from(now));
        } catch (Exception e) {
            return "not valid now (" + e.getMessage() + ")";
        }
        if (requireNoCheck && delegate.getExtensionValue(OCSP_NOCHECK) == null) {
            return "no id-pkix-ocsp-nocheck (ocsp.delegate-without-nocheck=refuse; configure it as a trusted"
                    + " responder instead)";
        }
        return null;
    }

    private static boolean signedBy(BasicOCSPResp basic, X509Certificate signer) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer.getPublicKey()));
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            return false;
        }
    }

    private static boolean respIdMatches(ResponderID id, X509Certificate cert) {
        if (id.getName() != null) {
            try {
                return new X500Principal(id.getName().getEncoded("DER")).equals(cert.getSubjectX500Principal());
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        byte[] keyHash = id.getKeyHash();
        if (keyHash == null) {
            return false;
        }
        try {
            byte[] key = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded()).getPublicKeyData().getBytes();
            return Arrays.equals(keyHash, MessageDigest.getInstance("SHA-1").digest(key));
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            return false;
        }
    }

    private static void checkNonce(BasicOCSPResp basic, byte[] nonce, boolean required) throws OcspException {
        if (nonce == null) {
            return;
        }
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed == null) {
            if (required) {
                throw new OcspException("OCSP response does not echo the nonce");
            }
            return;
        }
        if (!Arrays.equals(echoed.getExtnValue().getOctets(), nonce)) {
            throw new OcspException("OCSP response echoes another nonce");
        }
    }

    private SingleResp responseFor(BasicOCSPResp basic, X509Certificate certificate, X509Certificate issuer) throws OcspException {
        try {
            JcaX509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            for (SingleResp single : basic.getResponses()) {
                CertificateID id = single.getCertID();
                // Compare with the response's own hash algorithm: it may differ from the one we sent.
                if (id.getSerialNumber().equals(certificate.getSerialNumber()) && id.matchesIssuer(issuerHolder, digests)) {
                    return single;
                }
            }
        } catch (OCSPException | CertificateException | RuntimeException e) {
            throw new OcspException("cannot match the OCSP response to the certificate: " + e.getMessage(), e);
        }
        throw new OcspException("OCSP response is not about this certificate");
    }

    static byte[] encodedNonce(byte[] random) {
        try {
            return new DEROctetString(random).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
