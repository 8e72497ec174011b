package dev.certgate.revocation.crl;

import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationReason;
import dev.certgate.revocation.RevocationStatus;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import javax.security.auth.x500.X500Principal;

/**
 * CRL-based checker. The request path reads the CRLs already loaded (one hash-table probe per CRL
 * that speaks for the certificate); only the first certificate naming a new, allowed CRL
 * distribution point waits for its download.
 */
final class CrlChecker implements RevocationChecker {

    private final CrlSettings settings;
    private final CrlSigners signers;
    private final List<CrlSource> configured;
    private final ConcurrentHashMap<URI, CrlSource> fromDistributionPoints = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final java.time.Clock clock;

    CrlChecker(CrlSettings settings, CrlSigners signers, List<CrlSource> configured,
               ScheduledExecutorService scheduler, java.time.Clock clock) {
        this.settings = settings;
        this.signers = signers;
        this.configured = List.copyOf(configured);
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant now) {
        if (signers.learn(issuer)) {
            for (CrlSource source : configured) {
                source.offerSigner(issuer);
            }
        }
        List<CrlSource> sources = configured;
        if (!settings.cdpAllowedHosts().isEmpty()) {
            sources = withDistributionPoints(certificate, issuer);
        }
        // X509CertImpl looks these up by attribute name on every call: once per check is enough.
        BigInteger serial = certificate.getSerialNumber();
        X500Principal certIssuer = certificate.getIssuerX500Principal();
        VerifiedCrl good = null;
        List<String> problems = null;
        for (CrlSource source : sources) {
            VerifiedCrl crl = source.current();
            if (crl == null) {
                problems = add(problems, source.problem());
                continue;
            }
            CrlScope.Result scope = CrlScope.of(crl, certificate, certIssuer);
            if (scope.coverage() == CrlScope.Coverage.NONE) {
                if (crl.issuer().equals(certIssuer)) {
                    problems = add(problems, scope.problem());
                }
                continue;
            }
            String stale = crl.freshnessProblem(now, settings.clockSkew(), settings.grace());
            if (stale != null) {
                problems = add(problems, stale);
                continue;
            }
            int row = crl.index().find(serial, certIssuer);
            if (row >= 0 && crl.index().reasonCode(row) != RevocationReason.REMOVE_FROM_CRL.code()) {
                int code = crl.index().reasonCode(row);
                RevocationReason reason = code == CrlIndex.NO_REASON ? RevocationReason.UNSPECIFIED : RevocationReason.ofCode(code);
                // certificateHold is reported as REVOKED: the certificate must not be accepted while on hold.
                return RevocationStatus.revoked(reason, Instant.ofEpochSecond(crl.index().revocationEpochSecond(row)), crl.label());
            }
            if (scope.coverage() == CrlScope.Coverage.ALL_REASONS) {
                good = good == null ? crl : good;
            } else {
                problems = add(problems, "CRL from " + crl.source() + " covers only some reasons");
            }
        }
        if (good != null) {
            return good.good();
        }
        if (problems == null) {
            return RevocationStatus.unknown("no CRL for issuer " + certIssuer.getName());
        }
        return RevocationStatus.unknown(String.join("; ", problems));
    }

    private static List<String> add(List<String> problems, String problem) {
        List<String> out = problems == null ? new ArrayList<>(2) : problems;
        out.add(problem);
        return out;
    }

    private List<CrlSource> withDistributionPoints(X509Certificate certificate, X509Certificate issuer) {
        List<CrlSource> sources = new ArrayList<>(configured);
        for (String text : CrlScope.distributionPointUris(certificate)) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                continue;
            }
            if (!settings.cdpAllowed(uri)) {
                continue;
            }
            CrlSource source = fromDistributionPoints.get(uri);
            if (source == null) {
                if (fromDistributionPoints.size() >= settings.cdpMaxSources()) {
                    continue;
                }
                source = fromDistributionPoints.computeIfAbsent(uri, u -> new CrlSource(u, settings, signers, clock));
            }
            source.offerSigner(issuer);
            if (source.current() == null) {
                source.loadIfNeverTried();
                source.start(scheduler);
            }
            sources.add(source);
        }
        return sources;
    }

    @Override
    public List<X509Certificate> signers() {
        return signers.configured();
    }

    @Override
    public List<dev.certgate.revocation.RevocationSourceStatus> sources() {
        List<dev.certgate.revocation.RevocationSourceStatus> all = new java.util.ArrayList<>();
        for (CrlSource s : configured) {
            all.add(s.status());
        }
        for (CrlSource s : fromDistributionPoints.values()) {
            all.add(s.status());
        }
        return all;
    }

    @Override
    public void close() {
        configured.forEach(CrlSource::close);
        fromDistributionPoints.values().forEach(CrlSource::close);
    }
}
