package dev.certgate.internal.ops;

import dev.certgate.internal.facts.ClientCertificateResolver;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.Policy;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Warns about trust anchors and configured revocation signers (CRL signers, trusted OCSP
 * responders) that expire soon or have expired: at start-up, after every reload and daily. A WARNING line per certificate, and the numbers for the metrics view and the status page;
 * optionally also how many cached client certificates of each group expire within the window, so
 * operators can chase renewals before a partner's certificate lapses.
 */
final class ExpiryWatch {
    private static final Logger LOG = System.getLogger("dev.certgate");

    /** One certificate that expires within the window (or has expired). */
    record Expiring(String group, String kind, String subject, Instant notAfter, long daysLeft) {
        boolean expired() {
            return daysLeft < 0;
        }
    }

    /**
     * @param daysUntilFirstAnchorExpires over every group's anchors; empty when no group has anchors
     */
    record Report(
            Instant at,
            Optional<Long> daysUntilFirstAnchorExpires,
            List<Expiring> expiring,
            Map<String, Integer> expiringByGroup,
            Map<String, Integer> clientsByGroup) {}

    private final Clock clock;
    private volatile Report last;

    ExpiryWatch(Clock clock) {
        this.clock = clock;
    }

    Report last() {
        return last;
    }

    /** Checks the policy's anchors now and logs a warning per certificate within the window. */
    Report check(Policy policy, Duration window, boolean countClients, String occasion) {
        Instant now = clock.instant();
        Instant limit = now.plus(window);
        List<Expiring> expiring = new ArrayList<>();
        Map<String, Integer> byGroup = new LinkedHashMap<>();
        Map<String, Integer> clients = new LinkedHashMap<>();
        Long firstDays = null;
        List<HostGroup> groups = new ArrayList<>(policy.groups());
        groups.add(policy.fallback());
        for (HostGroup g : groups) {
            ClientCertificateResolver r = g.certificates();
            if (r == null) {
                continue;
            }
            int n = 0;
            for (X509Certificate anchor : r.anchors()) {
                Instant notAfter = anchor.getNotAfter().toInstant();
                long days = Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
                firstDays = firstDays == null ? days : Math.min(firstDays, days);
                if (notAfter.isBefore(limit)) {
                    n++;
                    expiring.add(new Expiring(
                            g.id(), "anchor", anchor.getSubjectX500Principal().getName(), notAfter, days));
                }
            }
            // Configured CRL signers and OCSP responders: an expired one makes revocation answers UNKNOWN.
            for (X509Certificate signer : r.revocation().signers()) {
                if (r.anchors().contains(signer)) {
                    continue;
                }
                Instant notAfter = signer.getNotAfter().toInstant();
                if (notAfter.isBefore(limit)) {
                    n++;
                    expiring.add(new Expiring(
                            g.id(),
                            "signer",
                            signer.getSubjectX500Principal().getName(),
                            notAfter,
                            Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L)));
                }
            }
            byGroup.put(g.id(), n);
            if (countClients) {
                clients.put(g.id(), r.verifiedLeavesExpiringBefore(limit));
            }
        }
        for (Expiring e : expiring) {
            LOG.log(
                    Level.WARNING,
                    () -> "certgate: " + (e.kind().equals("anchor") ? "trust anchor " : "revocation signer ")
                            + e.subject() + " of host group '" + e.group() + "' "
                            + (e.expired()
                                    ? "HAS EXPIRED on " + e.notAfter()
                                            + (e.kind().equals("anchor")
                                                    ? ": no client of it verifies"
                                                    : ": what it signs is not accepted")
                                    : "expires on " + e.notAfter() + " (in " + e.daysLeft() + " day(s))")
                            + " [" + occasion + "]");
        }
        if (countClients) {
            clients.forEach((group, count) -> {
                if (count > 0) {
                    LOG.log(
                            Level.INFO,
                            () -> "certgate: " + count + " client certificate(s) of host group '" + group
                                    + "' expire within " + window.toDays() + " day(s) [" + occasion + "]");
                }
            });
        }
        Report report = new Report(
                now, Optional.ofNullable(firstDays), List.copyOf(expiring), Map.copyOf(byGroup), Map.copyOf(clients));
        last = report;
        return report;
    }
}
