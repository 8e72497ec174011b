package dev.certgate.revocation.crl;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * Whether a CRL speaks for a certificate (RFC 5280 §6.3.3 (b)): same issuer, or an indirect CRL
 * named as cRLIssuer in the certificate's distribution points; and the issuing distribution
 * point's restrictions (user/CA certificates only, distribution point name, some reasons only).
 * When in doubt the CRL is out of scope, which can only lead to UNKNOWN, never to GOOD.
 */
final class CrlScope {

    enum Coverage { ALL_REASONS, SOME_REASONS, NONE }

    /** A coverage and, for NONE, why. */
    record Result(Coverage coverage, String problem) {
        static final Result ALL = new Result(Coverage.ALL_REASONS, null);
        static final Result SOME = new Result(Coverage.SOME_REASONS, null);

        static Result none(String problem) {
            return new Result(Coverage.NONE, problem);
        }
    }

    private CrlScope() {}

    static Result of(VerifiedCrl crl, X509Certificate cert, X500Principal certIssuer) {
        List<DistributionPoint> points = null;
        if (!crl.issuer().equals(certIssuer)) {
            if (!crl.indirect()) {
                return Result.none("CRL issuer differs");
            }
            points = distributionPoints(cert);
            if (!namesCrlIssuer(points, crl.issuer())) {
                return Result.none("indirect CRL from " + crl.source() + " is not named as cRLIssuer by the certificate");
            }
        }
        IssuingDistributionPoint idp = crl.issuingDistributionPoint();
        if (idp == null) {
            return Result.ALL;
        }
        boolean ca = cert.getBasicConstraints() >= 0;
        if (idp.onlyContainsUserCerts() && ca) {
            return Result.none("CRL from " + crl.source() + " covers only end-entity certificates");
        }
        if (idp.onlyContainsCACerts() && !ca) {
            return Result.none("CRL from " + crl.source() + " covers only CA certificates");
        }
        if (idp.onlyContainsAttributeCerts()) {
            return Result.none("CRL from " + crl.source() + " covers only attribute certificates");
        }
        DistributionPointName idpName = idp.getDistributionPoint();
        if (idpName != null) {
            if (idpName.getType() != DistributionPointName.FULL_NAME) {
                return Result.none("CRL from " + crl.source() + " names its distribution point relative to the issuer (not supported)");
            }
            if (points == null) {
                points = distributionPoints(cert);
            }
            if (!matchesDistributionPoint(points, GeneralNames.getInstance(idpName.getName()))) {
                return Result.none("CRL from " + crl.source() + " is for another distribution point");
            }
        }
        return idp.getOnlySomeReasons() != null ? Result.SOME : Result.ALL;
    }

    /** The certificate's CRL distribution points; empty when absent or unreadable. */
    static List<DistributionPoint> distributionPoints(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (extension == null) {
            return List.of();
        }
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets());
            return List.of(CRLDistPoint.getInstance(inner).getDistributionPoints());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The URIs of the certificate's distribution points (for CDP fetching). */
    static List<String> distributionPointUris(X509Certificate cert) {
        List<String> uris = new ArrayList<>();
        for (DistributionPoint point : distributionPoints(cert)) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        uris.add(general.getName().toString());
                    }
                }
            }
        }
        return uris;
    }

    private static boolean namesCrlIssuer(List<DistributionPoint> points, X500Principal crlIssuer) {
        for (DistributionPoint point : points) {
            if (point.getCRLIssuer() != null) {
                for (GeneralName name : point.getCRLIssuer().getNames()) {
                    if (name.getTagNo() == GeneralName.directoryName && principal(name).equals(crlIssuer)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean matchesDistributionPoint(List<DistributionPoint> points, GeneralNames idpNames) {
        for (DistributionPoint point : points) {
            DistributionPointName name = point.getDistributionPoint();
            if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                continue;
            }
            for (GeneralName certName : GeneralNames.getInstance(name.getName()).getNames()) {
                for (GeneralName crlName : idpNames.getNames()) {
                    if (certName.equals(crlName)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static X500Principal principal(GeneralName name) {
        try {
            return new X500Principal(name.getName().toASN1Primitive().getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
