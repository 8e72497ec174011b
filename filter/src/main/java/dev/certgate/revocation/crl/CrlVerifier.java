package dev.certgate.revocation.crl;

import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Decides whether a parsed CRL may be used at all: no delta CRL taken for a complete one, no
 * unrecognised critical extension, and a signature over the raw TBS bytes by an authorised
 * signer: a trusted certificate named as the CRL issuer, whose key identifier matches the CRL's
 * authority key identifier and whose key usage (if present) allows cRLSign.
 */
final class CrlVerifier {

    private static final int KEY_USAGE_CRL_SIGN = 6;

    private CrlVerifier() {}

    /** Problems that make the CRL unusable whoever signed it. */
    static void checkUsable(ParsedCrl crl) throws CrlException {
        if (crl.extensions.delta()) {
            throw new CrlException("delta CRL: never used as a complete CRL");
        }
        if (!crl.extensions.unknownCritical().isEmpty()) {
            throw new CrlException("unrecognised critical CRL extension " + crl.extensions.unknownCritical());
        }
        if (crl.extensions.issuingDistributionPoint() != null && crl.extensions.issuingDistributionPoint().onlyContainsAttributeCerts()) {
            throw new CrlException("CRL covers only attribute certificates");
        }
    }

    /** The candidate that signed the CRL, or null when none of them did (or may). */
    static X509Certificate findSigner(ParsedCrl crl, Collection<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (mayHaveSigned(crl, candidate) && signatureValid(crl, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean mayHaveSigned(ParsedCrl crl, X509Certificate candidate) {
        if (!candidate.getSubjectX500Principal().equals(crl.issuer)) {
            return false;
        }
        boolean[] keyUsage = candidate.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_USAGE_CRL_SIGN || !keyUsage[KEY_USAGE_CRL_SIGN])) {
            return false;
        }
        byte[] aki = crl.extensions.authorityKeyId();
        byte[] ski = subjectKeyId(candidate);
        return aki == null || ski == null || Arrays.equals(aki, ski);
    }

    private static boolean signatureValid(ParsedCrl crl, X509Certificate signer) {
        try {
            ContentVerifierProvider provider = new JcaContentVerifierProviderBuilder().build(signer.getPublicKey());
            ContentVerifier verifier = provider.get(crl.signatureAlgorithm);
            try (OutputStream out = verifier.getOutputStream()) {
                out.write(crl.der, crl.tbsStart, crl.tbsEnd - crl.tbsStart);
            }
            return verifier.verify(crl.signature);
        } catch (OperatorCreationException | IOException | RuntimeException e) {
            return false;
        }
    }

    static byte[] subjectKeyId(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return null;
        }
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets());
            return SubjectKeyIdentifier.getInstance(inner).getKeyIdentifier();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
