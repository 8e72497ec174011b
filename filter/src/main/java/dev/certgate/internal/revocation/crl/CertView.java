package dev.certgate.internal.revocation.crl;

import dev.certgate.internal.revocation.ExtensionValues;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;

/**
 * What the CRL checker reads of one certificate, computed once per certificate object (the JDK
 * re-derives serial and issuer on every accessor call): the serial as an index key, the issuer,
 * whether it is a CA, and its distribution points, followed by the implicit one RFC 5280
 * §6.3.3 adds last (the certificate issuer's own CRLs, outside any distribution point).
 */
record CertView(
        SerialKey serial,
        X500Principal issuer,
        boolean ca,
        DistributionPoints.Point[] points,
        /* HTTP(S) URIs of the distribution points and freshestCRL, for CDP fetching. */
        List<URI> fetchable,
        /* Whether the certificate's CRL distribution points extension was unreadable. */
        boolean badDistributionPoints) {

    static CertView of(X509Certificate cert) {
        X500Principal issuer = IssuerNames.shared(cert.getIssuerX500Principal());
        List<DistributionPoints.Point> points = new ArrayList<>();
        List<URI> fetchable = new ArrayList<>();
        boolean bad = false;
        try {
            for (DistributionPoint dp : extension(cert, Extension.cRLDistributionPoints.getId())) {
                DistributionPoints.Point point = DistributionPoints.ofCertificate(dp, issuer);
                points.add(point);
                fetchable.addAll(point.uris());
            }
            for (DistributionPoint dp : extension(cert, Extension.freshestCRL.getId())) {
                fetchable.addAll(DistributionPoints.ofCertificate(dp, issuer).uris());
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable CDP names no point we could match: only the issuer's own CRLs can answer.
            points.clear();
            bad = true;
        }
        points.add(DistributionPoints.implicit(issuer));
        return new CertView(
                new SerialKey(cert.getSerialNumber()),
                issuer,
                cert.getBasicConstraints() >= 0,
                points.toArray(new DistributionPoints.Point[0]),
                List.copyOf(fetchable),
                bad);
    }

    private static DistributionPoint[] extension(X509Certificate cert, String oid) throws IOException {
        ASN1Primitive inner = ExtensionValues.of(cert, oid);
        return inner == null
                ? new DistributionPoint[0]
                : CRLDistPoint.getInstance(inner).getDistributionPoints();
    }
}
