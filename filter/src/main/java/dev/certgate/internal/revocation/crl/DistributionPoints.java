package dev.certgate.internal.revocation.crl;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;

/**
 * Distribution points as RFC 5280 §6.3.3 compares them: a certificate's points (§4.2.1.13) and a
 * CRL's issuing distribution point (§5.2.5), with names made comparable — a directoryName as an
 * {@link X500Principal} (compared as names, §7.1, not as DER bytes), any other general name as
 * its ASN.1 value — and {@code nameRelativeToCRLIssuer} resolved to a full name.
 */
final class DistributionPoints {

    /** RFC 5280 §5.3.1 reasons as BC's {@link ReasonFlags} bits; {@code unused} is not a reason. */
    static final int ALL_REASONS = ReasonFlags.keyCompromise
            | ReasonFlags.cACompromise
            | ReasonFlags.affiliationChanged
            | ReasonFlags.superseded
            | ReasonFlags.cessationOfOperation
            | ReasonFlags.certificateHold
            | ReasonFlags.privilegeWithdrawn
            | ReasonFlags.aACompromise;

    private DistributionPoints() {}

    /**
     * One distribution point of a certificate.
     *
     * @param names      the point's full names (resolved), or null when the point has no name
     * @param reasons    the reasons it covers (all when absent)
     * @param crlIssuers the names of its cRLIssuer; empty when the certificate issuer issues its CRLs
     * @param uris       its HTTP(S) URIs, for CDP fetching
     */
    record Point(List<Object> names, int reasons, List<X500Principal> crlIssuers, List<URI> uris) {}

    /** A CRL's issuing distribution point; names null when it names no point. */
    record Idp(List<Object> names, boolean onlyUser, boolean onlyCa, int reasons, boolean indirect) {}

    static Point ofCertificate(DistributionPoint dp, X500Principal certIssuer) throws IOException {
        List<X500Principal> crlIssuers = new ArrayList<>();
        if (dp.getCRLIssuer() != null) {
            for (GeneralName name : dp.getCRLIssuer().getNames()) {
                if (name.getTagNo() == GeneralName.directoryName) {
                    crlIssuers.add(principal(name.getName()));
                }
            }
            if (crlIssuers.isEmpty()) {
                // A cRLIssuer we cannot compare (no directoryName): no CRL can match it.
                crlIssuers.add(new X500Principal("CN=unmatchable cRLIssuer"));
            }
        }
        // §4.2.1.13: a relative name is relative to the cRLIssuer, or to the certificate issuer.
        X500Principal base = crlIssuers.isEmpty() ? certIssuer : crlIssuers.get(0);
        List<Object> names = names(dp.getDistributionPoint(), base);
        int reasons = dp.getReasons() == null ? ALL_REASONS : dp.getReasons().intValue() & ALL_REASONS;
        List<URI> uris = new ArrayList<>();
        if (names != null) {
            for (Object name : names) {
                if (name instanceof GeneralName g && g.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    try {
                        uris.add(new URI(g.getName().toString()));
                    } catch (URISyntaxException e) {
                        // not fetchable; still compared as a name
                    }
                }
            }
        }
        return new Point(names, reasons, List.copyOf(crlIssuers), List.copyOf(uris));
    }

    /**
     * The point RFC 5280 §6.3.3 assumes for CRLs outside any distribution point: no cRLIssuer,
     * all reasons, and the certificate issuer's name as its full name.
     */
    static Point implicit(X500Principal certIssuer) {
        return new Point(List.of(certIssuer), ALL_REASONS, List.of(), List.of());
    }

    static Idp ofCrl(IssuingDistributionPoint idp, X500Principal crlIssuer) throws IOException {
        int reasons = idp.getOnlySomeReasons() == null
                ? ALL_REASONS
                : idp.getOnlySomeReasons().intValue() & ALL_REASONS;
        // §5.2.5: a relative name in the IDP is relative to the CRL issuer.
        return new Idp(
                names(idp.getDistributionPoint(), crlIssuer),
                idp.onlyContainsUserCerts(),
                idp.onlyContainsCACerts(),
                reasons,
                idp.isIndirectCRL());
    }

    /** Whether some name of a equals some name of b. */
    static boolean intersect(List<?> a, List<?> b) {
        for (Object x : a) {
            for (Object y : b) {
                if (x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Object> names(DistributionPointName name, X500Principal relativeTo) throws IOException {
        if (name == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        if (name.getType() == DistributionPointName.FULL_NAME) {
            for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                out.add(general.getTagNo() == GeneralName.directoryName ? principal(general.getName()) : general);
            }
        } else {
            // nameRelativeToCRLIssuer: the base's RDNs followed by this one (§4.2.1.13).
            RDN[] base = X500Name.getInstance(relativeTo.getEncoded()).getRDNs();
            RDN[] full = java.util.Arrays.copyOf(base, base.length + 1);
            full[base.length] = RDN.getInstance(name.getName());
            out.add(principal(new X500Name(full)));
        }
        return List.copyOf(out);
    }

    private static X500Principal principal(ASN1Encodable name) throws IOException {
        try {
            return new X500Principal(name.toASN1Primitive().getEncoded("DER"));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad directory name", e);
        }
    }
}
