package dev.certgate.internal.revocation.ocsp;

import dev.certgate.internal.revocation.WorkingKeys;
import dev.certgate.revocation.RevocationReason;
import dev.certgate.revocation.RevocationStatus;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
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
    private static final System.Logger LOG = System.getLogger(OcspResponseVerifier.class.getName());
    /** Extensions a delegate's certificate may mark critical: those whose meaning we check or that do not restrict signing. */
    private static final java.util.Set<String> DELEGATE_EXTENSIONS = java.util.Set.of(
            "2.5.29.15", "2.5.29.37", "2.5.29.19", "2.5.29.17", "2.5.29.14", "2.5.29.35", OCSP_NOCHECK);

    private final List<X509Certificate> trustedResponders;
    private final Duration clockSkew;
    private final Duration maxAge;
    private final DigestCalculatorProvider digests;
    private final boolean requireNoCheck;
    private final java.util.concurrent.atomic.AtomicLong uncheckedDelegateAnswers =
            new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Set<java.math.BigInteger> warnedDelegates =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param requireNoCheck refuse delegated responders whose certificate lacks id-pkix-ocsp-nocheck.
     *                       RFC 6960 §4.2.2.2.1 leaves their status check to local policy; like
     *                       OpenSSL, the JDK and Go, the default accepts them unchecked.
     */
    /** The configured responder certificates. */
    List<X509Certificate> trustedResponders() {
        return trustedResponders;
    }

    OcspResponseVerifier(
            List<X509Certificate> trustedResponders, Duration clockSkew, Duration maxAge, boolean requireNoCheck) {
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
    OcspAnswer verify(
            byte[] der,
            X509Certificate certificate,
            X509Certificate issuer,
            PublicKey issuerKey,
            byte[] nonce,
            boolean nonceRequired,
            Instant now,
            String source)
            throws OcspException {
        try {
            BasicOCSPResp basic = basicResponse(der);
            X509Certificate signer = authorisedSigner(basic, issuer, issuerKey, now);
            checkNonce(basic, nonce, nonceRequired);
            return answer(responseFor(basic, certificate, issuer), signer, now, source);
        } catch (RuntimeException e) {
            // BC's lazy accessors (getCerts, getResponses, ...) throw unchecked exceptions on malformed parts.
            throw new OcspException("malformed OCSP response: " + e, e);
        }
    }

    /** The answer for the certificate's single response, once its signer and nonce checked out: currency, status. */
    private OcspAnswer answer(SingleResp single, X509Certificate signer, Instant now, String source)
            throws OcspException {
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(clockSkew))) {
            throw new OcspException(
                    "OCSP response from " + source + " is not valid yet (thisUpdate " + thisUpdate + ")");
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
                throw new OcspException(
                        "OCSP response from " + source + " is older than the max age (thisUpdate " + thisUpdate + ")");
            }
        }
        CertificateStatus status = single.getCertStatus();
        String from = "ocsp " + source + " (signed by "
                + signer.getSubjectX500Principal().getName() + ")";
        if (status == CertificateStatus.GOOD) {
            return new OcspAnswer(RevocationStatus.good(from), validUntil);
        }
        if (status instanceof RevokedStatus revoked) {
            RevocationReason reason = revoked.hasRevocationReason()
                    ? RevocationReason.ofCode(revoked.getRevocationReason())
                    : RevocationReason.UNSPECIFIED;
            return new OcspAnswer(
                    RevocationStatus.revoked(reason, revoked.getRevocationTime().toInstant(), from), validUntil);
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
            throw new OcspException(
                    "OCSP responder answered with status " + response.getStatus() + " (not successful)");
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

    private X509Certificate authorisedSigner(
            BasicOCSPResp basic, X509Certificate issuer, PublicKey issuerKey, Instant now) throws OcspException {
        if (respIdMatches(basic.getResponderId().toASN1Primitive(), issuer) && signedBy(basic, issuerKey)) {
            return issuer;
        }
        for (X509Certificate candidate : trustedResponders) {
            if (respIdMatches(basic.getResponderId().toASN1Primitive(), candidate)
                    && signedBy(basic, candidate.getPublicKey())) {
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
            // A delegate's DSA key may inherit its parameters from the CA's (RFC 3279 §2.3.2).
            PublicKey delegateKey = WorkingKeys.inheritFrom(delegate.getPublicKey(), issuerKey);
            if (!respIdMatches(basic.getResponderId().toASN1Primitive(), delegate) || !signedBy(basic, delegateKey)) {
                continue;
            }
            String problem = delegationProblem(delegate, issuer, issuerKey, now);
            if (problem == null) {
                return delegate;
            }
            refusal = "OCSP response signed by an unauthorised responder "
                    + delegate.getSubjectX500Principal().getName() + ": " + problem;
        }
        throw new OcspException(refusal);
    }

    /** How many answers were accepted from a delegate whose own status was not checked (no id-pkix-ocsp-nocheck). */
    long uncheckedDelegateAnswers() {
        return uncheckedDelegateAnswers.get();
    }

    /**
     * Why delegate may not answer for issuer's certificates, or null when it may (RFC 6960
     * §4.2.2.2): issued and signed by the CA, id-kp-OCSPSigning, valid now, a keyUsage (if present)
     * allowing signatures, no critical extension we do not understand, and the nocheck policy.
     */
    private String delegationProblem(
            X509Certificate delegate, X509Certificate issuer, PublicKey issuerKey, Instant now) {
        if (!delegate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return "not issued by the certificate's CA";
        }
        try {
            delegate.verify(issuerKey);
        } catch (Exception e) {
            return "not issued by the certificate's CA (signature)";
        }
        try {
            if (delegate.getExtendedKeyUsage() == null
                    || !delegate.getExtendedKeyUsage().contains(OCSP_SIGNING)) {
                return "no id-kp-OCSPSigning extended key usage";
            }
            delegate.checkValidity(java.util.Date.from(now));
        } catch (Exception e) {
            return "not valid now (" + e.getMessage() + ")";
        }
        boolean[] keyUsage = delegate.getKeyUsage();
        if (keyUsage != null && !(keyUsage.length > 0 && keyUsage[0]) && !(keyUsage.length > 1 && keyUsage[1])) {
            return "its keyUsage allows neither digitalSignature nor nonRepudiation";
        }
        java.util.Set<String> critical = delegate.getCriticalExtensionOIDs();
        if (critical != null) {
            for (String oid : critical) {
                if (!DELEGATE_EXTENSIONS.contains(oid)) {
                    return "unrecognised critical extension " + oid;
                }
            }
        }
        if (delegate.getExtensionValue(OCSP_NOCHECK) == null) {
            if (requireNoCheck) {
                return "no id-pkix-ocsp-nocheck (ocsp.delegate-without-nocheck=refuse; configure it as a trusted"
                        + " responder instead)";
            }
            long count = uncheckedDelegateAnswers.incrementAndGet();
            if (warnedDelegates.size() < 64 && warnedDelegates.add(delegate.getSerialNumber())) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "accepting OCSP answers from delegated responder {0} (serial {1}) without"
                                + " checking its own status: it has no id-pkix-ocsp-nocheck and ocsp.delegate-without-nocheck=accept"
                                + " ({2} such answers so far)",
                        delegate.getSubjectX500Principal().getName(),
                        delegate.getSerialNumber().toString(16),
                        count);
            }
        }
        return null;
    }

    private static boolean signedBy(BasicOCSPResp basic, PublicKey key) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
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
            byte[] key = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded())
                    .getPublicKeyData()
                    .getBytes();
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

    private SingleResp responseFor(BasicOCSPResp basic, X509Certificate certificate, X509Certificate issuer)
            throws OcspException {
        try {
            JcaX509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            for (SingleResp single : basic.getResponses()) {
                CertificateID id = single.getCertID();
                // Compare with the response's own hash algorithm: it may differ from the one we sent.
                if (id.getSerialNumber().equals(certificate.getSerialNumber())
                        && id.matchesIssuer(issuerHolder, digests)) {
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
