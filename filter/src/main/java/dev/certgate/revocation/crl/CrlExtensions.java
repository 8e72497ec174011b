package dev.certgate.revocation.crl;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/** The CRL-level extensions that matter for using a CRL (RFC 5280 §5.2). */
record CrlExtensions(boolean delta, BigInteger crlNumber, byte[] authorityKeyId,
                     IssuingDistributionPoint issuingDistributionPoint, List<String> unknownCritical) {

    static final CrlExtensions NONE = new CrlExtensions(false, null, null, null, List.of());

    /** Extensions we understand; any other critical one makes the CRL unusable. */
    private static final Set<ASN1ObjectIdentifier> UNDERSTOOD = Set.of(
            Extension.authorityKeyIdentifier, Extension.cRLNumber, Extension.issuingDistributionPoint,
            Extension.deltaCRLIndicator, Extension.issuerAlternativeName, Extension.freshestCRL,
            Extension.authorityInfoAccess);

    static CrlExtensions parse(byte[] encoded) throws CrlException {
        Extensions extensions;
        try {
            extensions = Extensions.getInstance(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(encoded));
        } catch (IOException | RuntimeException e) {
            throw new CrlException("malformed CRL extensions: " + e.getMessage(), e);
        }
        List<String> unknownCritical = new ArrayList<>();
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            if (extensions.getExtension(oid).isCritical() && !UNDERSTOOD.contains(oid)) {
                unknownCritical.add(oid.getId());
            }
        }
        try {
            Extension number = extensions.getExtension(Extension.cRLNumber);
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(extensions);
            Extension idp = extensions.getExtension(Extension.issuingDistributionPoint);
            return new CrlExtensions(
                    extensions.getExtension(Extension.deltaCRLIndicator) != null,
                    number == null ? null : ASN1Integer.getInstance(number.getParsedValue()).getValue(),
                    aki == null ? null : aki.getKeyIdentifierOctets(),
                    idp == null ? null : IssuingDistributionPoint.getInstance(idp.getParsedValue()),
                    List.copyOf(unknownCritical));
        } catch (RuntimeException e) {
            throw new CrlException("malformed CRL extension: " + e.getMessage(), e);
        }
    }

    boolean indirect() {
        return issuingDistributionPoint != null && issuingDistributionPoint.isIndirectCRL();
    }
}
