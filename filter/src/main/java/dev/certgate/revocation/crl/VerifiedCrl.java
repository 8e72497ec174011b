package dev.certgate.revocation.crl;

import java.time.Duration;
import java.time.Instant;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/** A CRL whose signature, issuer and extensions checked out, reduced to what lookups need. */
record VerifiedCrl(String source, X500Principal issuer, Instant thisUpdate, Instant nextUpdate,
                   IssuingDistributionPoint issuingDistributionPoint, CrlIndex index) {

    boolean indirect() {
        return issuingDistributionPoint != null && issuingDistributionPoint.isIndirectCRL();
    }

    /** Why this CRL can't be used at now, or null when it can. */
    String freshnessProblem(Instant now, Duration skew, Duration grace) {
        if (thisUpdate.isAfter(now.plus(skew))) {
            return "CRL from " + source + " is not valid yet (thisUpdate " + thisUpdate + ")";
        }
        if (nextUpdate == null) {
            return "CRL from " + source + " has no nextUpdate";
        }
        if (now.isAfter(nextUpdate.plus(skew).plus(grace))) {
            return "CRL from " + source + " is stale (nextUpdate " + nextUpdate + ")";
        }
        return null;
    }
}
