package dev.certgate.revocation.crl;

import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationReason;
import dev.certgate.revocation.RevocationStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * CRL-based checker. The request path reads the CRLs already loaded (one binary search per CRL
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
        signers.learn(issuer);
        for (CrlSource source : configured) {
            source.offerSigner(issuer); // cheap unless a CRL waits for exactly this issuer
        }
        List<CrlSource> sources = configured;
        if (!settings.cdpAllowedHosts().isEmpty()) {
            sources = withDistributionPoints(certificate, issuer);
        }
        boolean anyGood = false;
        String goodSource = null;
        List<String> problems = new ArrayList<>(2);
        for (CrlSource source : sources) {
            VerifiedCrl crl = source.current();
            if (crl == null) {
                problems.add(source.problem());
                continue;
            }
            CrlScope.Result scope = CrlScope.of(crl, certificate);
            if (scope.coverage() == CrlScope.Coverage.NONE) {
                if (crl.issuer().equals(certificate.getIssuerX500Principal())) {
                    problems.add(scope.problem());
                }
                continue;
            }
            String stale = crl.freshnessProblem(now, settings.clockSkew(), settings.grace());
            if (stale != null) {
                problems.add(stale);
                continue;
            }
            int row = crl.index().find(certificate.getSerialNumber(), certificate.getIssuerX500Principal());
            if (row >= 0 && crl.index().reasonCode(row) != RevocationReason.REMOVE_FROM_CRL.code()) {
                int code = crl.index().reasonCode(row);
                RevocationReason reason = code == CrlIndex.NO_REASON ? RevocationReason.UNSPECIFIED : RevocationReason.ofCode(code);
                // certificateHold is reported as REVOKED: the certificate must not be accepted while on hold.
                return RevocationStatus.revoked(reason, Instant.ofEpochSecond(crl.index().revocationEpochSecond(row)),
                        "crl " + crl.source());
            }
            if (scope.coverage() == CrlScope.Coverage.ALL_REASONS) {
                anyGood = true;
                goodSource = goodSource == null ? crl.source() : goodSource;
            } else {
                problems.add("CRL from " + crl.source() + " covers only some reasons");
            }
        }
        if (anyGood) {
            return RevocationStatus.good("crl " + goodSource);
        }
        if (problems.isEmpty()) {
            return RevocationStatus.unknown("no CRL for issuer " + certificate.getIssuerX500Principal().getName());
        }
        return RevocationStatus.unknown(String.join("; ", problems));
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
    public void close() {
        configured.forEach(CrlSource::close);
        fromDistributionPoints.values().forEach(CrlSource::close);
    }
}
