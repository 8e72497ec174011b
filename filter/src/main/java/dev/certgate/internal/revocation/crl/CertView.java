package dev.certgate.internal.revocation.crl;

import dev.certgate.internal.revocation.ExtensionValues;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>It is also its own entry in {@link CertViews} (a weak reference to the certificate): a check
 * finds the view without going through a separate entry object, one cache miss fewer per call.
 */
final class CertView extends WeakReference<X509Certificate> {

    private static final ConcurrentHashMap<X500Principal, DistributionPoints.Point[]> IMPLICIT_ONLY =
            new ConcurrentHashMap<>();

    final X500Principal issuer;
    final SerialKey serial;
    final boolean ca;
    final DistributionPoints.Point[] points;
    /** HTTP(S) URIs of the distribution points and freshestCRL, for CDP fetching. */
    final List<URI> fetchable;
    /** Whether the certificate's CRL distribution points extension was unreadable. */
    final boolean badDistributionPoints;

    CertView(X509Certificate cert) {
        super(cert);
        issuer = IssuerNames.shared(cert.getIssuerX500Principal());
        serial = new SerialKey(cert.getSerialNumber()); // allocated next to this object: read with it
        ca = cert.getBasicConstraints() >= 0;
        List<DistributionPoints.Point> found = new ArrayList<>();
        List<URI> uris = new ArrayList<>();
        boolean bad = false;
        try {
            for (DistributionPoint dp : extension(cert, Extension.cRLDistributionPoints.getId())) {
                DistributionPoints.Point point = DistributionPoints.ofCertificate(dp, issuer);
                found.add(point);
                uris.addAll(point.uris());
            }
            for (DistributionPoint dp : extension(cert, Extension.freshestCRL.getId())) {
                uris.addAll(DistributionPoints.ofCertificate(dp, issuer).uris());
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable CDP names no point we could match: only the issuer's own CRLs can answer.
            found.clear();
            bad = true;
        }
        if (found.isEmpty()) {
            points = implicitOnly(issuer);
        } else {
            found.add(DistributionPoints.implicit(issuer));
            points = found.toArray(new DistributionPoints.Point[0]);
        }
        fetchable = List.copyOf(uris);
        badDistributionPoints = bad;
    }

    /**
     * The points of a certificate without distribution points (most leaves): one array per issuer
     * name, shared by its certificates, so every check reads it from cache rather than from each
     * certificate's own copy. Bounded like {@link IssuerNames}. Never modified.
     */
    private static DistributionPoints.Point[] implicitOnly(X500Principal issuer) {
        DistributionPoints.Point[] known = IMPLICIT_ONLY.get(issuer);
        if (known != null) {
            return known;
        }
        DistributionPoints.Point[] own = {DistributionPoints.implicit(issuer)};
        return IMPLICIT_ONLY.size() >= IssuerNames.MAX ? own : IMPLICIT_ONLY.computeIfAbsent(issuer, i -> own);
    }

    private static DistributionPoint[] extension(X509Certificate cert, String oid) throws IOException {
        ASN1Primitive inner = ExtensionValues.of(cert, oid);
        return inner == null
                ? new DistributionPoint[0]
                : CRLDistPoint.getInstance(inner).getDistributionPoints();
    }
}
