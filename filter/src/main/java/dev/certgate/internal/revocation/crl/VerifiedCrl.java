package dev.certgate.internal.revocation.crl;

import dev.certgate.revocation.RevocationStatus;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * A CRL whose signature, signer path and extensions checked out, reduced to what lookups need:
 * the index, its scope (issuer, issuing distribution point), its place in a delta sequence
 * (cRLNumber, BaseCRLNumber) and the validated signer path per trust anchor. The GOOD status and
 * the label of a REVOKED one are made once: the request path builds no strings.
 */
final class VerifiedCrl {

    final String source;
    final X500Principal issuer;
    final Instant thisUpdate;
    final Instant nextUpdate;
    final DistributionPoints.Idp idp;
    final CrlIndex index;
    final String label;
    final RevocationStatus good;
    final BigInteger number;
    /** Non-null for a delta CRL. */
    final BigInteger baseNumber;

    final byte[] authorityKeyId;
    final byte[] idpDer;
    final List<URI> freshest;
    final List<SignerPath> signers;
    private final long thisUpdateSecond;
    private final long nextUpdateSecond;

    /** The signer path's own status, reused for a second and until some CRL changes. */
    volatile SignerStatus signerStatus;

    record SignerStatus(long generation, long computedAtSecond, RevocationStatus[] statuses) {}

    VerifiedCrl(String source, ParsedCrl crl, DistributionPoints.Idp idp, CrlIndex index, List<SignerPath> signers) {
        this.source = source;
        this.issuer = IssuerNames.shared(crl.issuer());
        this.thisUpdate = crl.thisUpdate();
        this.nextUpdate = crl.nextUpdate();
        this.idp = idp;
        this.index = index;
        this.label = (crl.extensions().delta() ? "delta crl " : "crl ") + source;
        this.good = RevocationStatus.good(label);
        this.number = crl.extensions().crlNumber();
        this.baseNumber = crl.extensions().baseCrlNumber();
        this.authorityKeyId = crl.extensions().authorityKeyId();
        this.idpDer = crl.extensions().idpDer();
        this.freshest = crl.extensions().freshest();
        this.signers = List.copyOf(signers);
        this.thisUpdateSecond = thisUpdate.getEpochSecond();
        this.nextUpdateSecond = nextUpdate == null ? Long.MIN_VALUE : nextUpdate.getEpochSecond();
    }

    boolean indirect() {
        return idp != null && idp.indirect();
    }

    boolean delta() {
        return baseNumber != null;
    }

    /** RFC 5280 §6.3.3 (f): the signer path ending at anchor (by reference, then equality), or null. */
    SignerPath signerFor(X509Certificate anchor) {
        for (int i = 0; i < signers.size(); i++) {
            if (signers.get(i).anchor() == anchor) {
                return signers.get(i);
            }
        }
        for (int i = 0; i < signers.size(); i++) {
            if (signers.get(i).anchor().equals(anchor)) {
                return signers.get(i);
            }
        }
        return null;
    }

    /**
     * §6.3.3 (c)(1)–(3) and §5.2.4: whether this delta CRL applies on top of base — same issuer,
     * same issuing distribution point, same authority key identifier, BaseCRLNumber ≤ the base's
     * cRLNumber, and newer than the base.
     */
    boolean isDeltaOf(VerifiedCrl base) {
        return delta()
                && base.number != null
                && issuer.equals(base.issuer)
                && Arrays.equals(idpDer, base.idpDer)
                && Arrays.equals(authorityKeyId, base.authorityKeyId)
                && baseNumber.compareTo(base.number) <= 0
                && number.compareTo(base.number) > 0;
    }

    /** Whether this CRL is current at the epoch second now (thisUpdate/nextUpdate with skew and grace). */
    boolean fresh(long now, long skewSeconds, long graceSeconds) {
        return nextUpdate != null
                && thisUpdateSecond <= now + skewSeconds
                && now <= nextUpdateSecond + skewSeconds + graceSeconds;
    }

    /** Why this CRL can't be used at now, or null when it can. */
    String freshnessProblem(Instant now, Duration skew, Duration grace) {
        if (fresh(now.getEpochSecond(), skew.getSeconds(), grace.getSeconds())) {
            return null; // the common case, without allocation
        }
        if (thisUpdate.isAfter(now.plus(skew))) {
            return label + " is not valid yet (thisUpdate " + thisUpdate + ")";
        }
        if (nextUpdate == null) {
            return label + " has no nextUpdate";
        }
        return label + " is stale (nextUpdate " + nextUpdate + ")";
    }
}
