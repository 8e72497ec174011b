package dev.certgate.internal.revocation.crl;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * The CRL-level extensions that matter for using a CRL (RFC 5280 §5.2).
 *
 * @param baseCrlNumber the deltaCRLIndicator's BaseCRLNumber (§5.2.4), null for a complete CRL
 * @param idpDer        the issuingDistributionPoint's encoding, null when absent: a delta and its
 *                      complete CRL must have the same one (§6.3.3 (c)(2))
 * @param freshest      the freshestCRL URIs (§5.2.6), where the deltas of this CRL are published
 */
record CrlExtensions(
        BigInteger baseCrlNumber,
        BigInteger crlNumber,
        byte[] authorityKeyId,
        IssuingDistributionPoint issuingDistributionPoint,
        byte[] idpDer,
        List<URI> freshest,
        List<String> unknownCritical) {

    static final CrlExtensions NONE = new CrlExtensions(null, null, null, null, null, List.of(), List.of());

    /** Extensions we understand; any other critical one makes the CRL unusable. */
    private static final Set<ASN1ObjectIdentifier> UNDERSTOOD = Set.of(
            Extension.authorityKeyIdentifier,
            Extension.cRLNumber,
            Extension.issuingDistributionPoint,
            Extension.deltaCRLIndicator,
            Extension.issuerAlternativeName,
            Extension.freshestCRL,
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
            Extension delta = extensions.getExtension(Extension.deltaCRLIndicator);
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(extensions);
            Extension idp = extensions.getExtension(Extension.issuingDistributionPoint);
            return new CrlExtensions(
                    delta == null
                            ? null
                            : ASN1Integer.getInstance(delta.getParsedValue()).getValue(),
                    number == null
                            ? null
                            : ASN1Integer.getInstance(number.getParsedValue()).getValue(),
                    aki == null ? null : aki.getKeyIdentifierOctets(),
                    idp == null ? null : IssuingDistributionPoint.getInstance(idp.getParsedValue()),
                    idp == null ? null : idp.getExtnValue().getOctets(),
                    freshest(extensions.getExtension(Extension.freshestCRL)),
                    List.copyOf(unknownCritical));
        } catch (RuntimeException e) {
            throw new CrlException("malformed CRL extension: " + e.getMessage(), e);
        }
    }

    private static List<URI> freshest(Extension extension) {
        if (extension == null) {
            return List.of();
        }
        List<URI> uris = new ArrayList<>();
        for (DistributionPoint point :
                CRLDistPoint.getInstance(extension.getParsedValue()).getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName general :
                        GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        try {
                            uris.add(new URI(general.getName().toString()));
                        } catch (URISyntaxException e) {
                            // not fetchable
                        }
                    }
                }
            }
        }
        return List.copyOf(uris);
    }

    boolean delta() {
        return baseCrlNumber != null;
    }

    boolean indirect() {
        return issuingDistributionPoint != null && issuingDistributionPoint.isIndirectCRL();
    }
}
