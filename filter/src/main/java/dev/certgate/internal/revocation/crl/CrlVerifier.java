package dev.certgate.internal.revocation.crl;

import dev.certgate.internal.revocation.ExtensionValues;
import java.io.IOException;
import java.io.OutputStream;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The checks of a CRL that do not depend on the certificate asked about: no unrecognised critical
 * extension, who may have signed it (name, cRLSign, key identifier) and the signature over the raw
 * TBS bytes with the signer's working key.
 */
final class CrlVerifier {

    private static final int KEY_USAGE_CRL_SIGN = 6;

    private CrlVerifier() {}

    /** Problems that make the CRL unusable whoever signed it (RFC 5280 §5.2, §5.3). */
    static void checkUsable(ParsedCrl crl) throws CrlException {
        if (!crl.extensions().unknownCritical().isEmpty()) {
            throw new CrlException(
                    "unrecognised critical CRL extension " + crl.extensions().unknownCritical());
        }
        if (crl.extensions().issuingDistributionPoint() != null
                && crl.extensions().issuingDistributionPoint().onlyContainsAttributeCerts()) {
            throw new CrlException("CRL covers only attribute certificates");
        }
        if (crl.extensions().delta() && crl.extensions().crlNumber() == null) {
            throw new CrlException("delta CRL without a cRLNumber (RFC 5280 §5.2.3)");
        }
    }

    /**
     * Whether candidate can be the CRL issuer's certificate at all (RFC 5280 §6.3.3 (f)): its
     * subject is the CRL issuer, its keyUsage (if present) has cRLSign, and its subject key
     * identifier (if both are present) equals the CRL's authority key identifier (§5.2.1).
     */
    static boolean mayHaveSigned(ParsedCrl crl, X509Certificate candidate) {
        if (!candidate.getSubjectX500Principal().equals(crl.issuer())) {
            return false;
        }
        boolean[] keyUsage = candidate.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_USAGE_CRL_SIGN || !keyUsage[KEY_USAGE_CRL_SIGN])) {
            return false;
        }
        byte[] aki = crl.extensions().authorityKeyId();
        byte[] ski = subjectKeyId(candidate);
        return aki == null || ski == null || Arrays.equals(aki, ski);
    }

    /** RFC 5280 §6.3.3 (g): the signature over the raw tbsCertList bytes, with the working key. */
    static boolean signatureValid(ParsedCrl crl, PublicKey key) {
        try {
            ContentVerifierProvider provider = new JcaContentVerifierProviderBuilder().build(key);
            ContentVerifier verifier = provider.get(crl.signatureAlgorithm());
            try (OutputStream out = verifier.getOutputStream()) {
                out.write(crl.der(), crl.tbsStart(), crl.tbsEnd() - crl.tbsStart());
            }
            return verifier.verify(crl.signature());
        } catch (OperatorCreationException | IOException | RuntimeException e) {
            return false;
        }
    }

    static byte[] subjectKeyId(X509Certificate cert) {
        try {
            ASN1Primitive inner = ExtensionValues.of(cert, Extension.subjectKeyIdentifier.getId());
            return inner == null
                    ? null
                    : SubjectKeyIdentifier.getInstance(inner).getKeyIdentifier();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
