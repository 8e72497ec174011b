package dev.certgate.revocation.crl;

import dev.certgate.revocation.RevocationStatus;
import java.time.Duration;
import java.time.Instant;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * A CRL whose signature, issuer and extensions checked out, reduced to what lookups need. The
 * GOOD status and the label of a REVOKED one are made once: the request path builds no strings.
 */
record VerifiedCrl(String source, X500Principal issuer, Instant thisUpdate, Instant nextUpdate,
                   IssuingDistributionPoint issuingDistributionPoint, CrlIndex index, String label, RevocationStatus good) {

    VerifiedCrl(String source, X500Principal issuer, Instant thisUpdate, Instant nextUpdate,
                IssuingDistributionPoint issuingDistributionPoint, CrlIndex index) {
        this(source, issuer, thisUpdate, nextUpdate, issuingDistributionPoint, index, "crl " + source,
                RevocationStatus.good("crl " + source));
    }

    boolean indirect() {
        return issuingDistributionPoint != null && issuingDistributionPoint.isIndirectCRL();
    }

    /** Why this CRL can't be used at now, or null when it can. */
    String freshnessProblem(Instant now, Duration skew, Duration grace) {
        long at = now.getEpochSecond();
        long skewSeconds = skew.getSeconds();
        if (nextUpdate != null && thisUpdate.getEpochSecond() <= at + skewSeconds
                && at <= nextUpdate.getEpochSecond() + skewSeconds + grace.getSeconds()) {
            return null; // the common case, without allocation
        }
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
