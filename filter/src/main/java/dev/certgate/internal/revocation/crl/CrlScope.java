package dev.certgate.internal.revocation.crl;

/**
 * Whether a complete CRL speaks for a certificate through one of its distribution points, and for
 * which reasons (RFC 5280 §6.3.3 (b) and (d)). When in doubt the CRL does not apply, which can only
 * lead to UNKNOWN, never to GOOD.
 */
final class CrlScope {

    private CrlScope() {}

    /** The interim reasons mask of crl for point, 0 when the CRL does not apply to it. */
    static int interimReasons(VerifiedCrl crl, DistributionPoints.Point point, CertView cert) {
        return evaluate(crl, point, cert, null);
    }

    /** Why crl does not apply to point (for UNKNOWN causes), or null when it does. */
    static String whyNot(VerifiedCrl crl, DistributionPoints.Point point, CertView cert) {
        StringBuilder why = new StringBuilder();
        return evaluate(crl, point, cert, why) == 0 ? why.toString() : null;
    }

    private static int evaluate(VerifiedCrl crl, DistributionPoints.Point point, CertView cert, StringBuilder why) {
        // (b)(1): a point with cRLIssuer is answered only by an indirect CRL from that issuer;
        // any other point only by a CRL from the certificate issuer.
        if (!point.crlIssuers().isEmpty()) {
            if (!crl.indirect() || !point.crlIssuers().contains(crl.issuer)) {
                return no(why, "its point names another cRLIssuer or the CRL is not indirect");
            }
        } else if (!crl.issuer.equals(cert.issuer)) {
            return no(why, "issued by " + crl.issuer.getName() + ", not by the certificate issuer");
        }
        DistributionPoints.Idp idp = crl.idp;
        if (idp == null) {
            return point.reasons(); // (d): no IDP = all reasons, so the point's own reasons
        }
        // (b)(2)(i): the IDP's names must meet the point's names, or its cRLIssuer when it has none.
        if (idp.names() != null) {
            java.util.List<?> pointNames = point.names() != null ? point.names() : point.crlIssuers();
            if (!DistributionPoints.intersect(idp.names(), pointNames)) {
                return no(why, "it is for another distribution point");
            }
        }
        // (b)(2)(ii), (iii): onlyContainsUserCerts / onlyContainsCACerts (attribute-only CRLs are refused at load).
        if (idp.onlyUser() && cert.ca) {
            return no(why, "it covers only end-entity certificates");
        }
        if (idp.onlyCa() && !cert.ca) {
            return no(why, "it covers only CA certificates");
        }
        // (d): interim mask = the IDP's onlySomeReasons ∩ the point's reasons.
        int interim = idp.reasons() & point.reasons();
        return interim == 0 ? no(why, "it covers none of the point's reasons") : interim;
    }

    private static int no(StringBuilder why, String text) {
        if (why != null) {
            why.append(text);
        }
        return 0;
    }
}
