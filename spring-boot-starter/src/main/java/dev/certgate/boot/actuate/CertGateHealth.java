package dev.certgate.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.certgate.policy.HostGroup;

/**
 * certgate's health, independent of Boot's health API (which moved between Boot 3 and 4; see
 * {@link HealthIndicators}). UP: the configuration is loaded and every host group that has trust
 * anchors has at least one that is valid now. DOWN: some host group's anchors are all expired (or
 * not yet valid), so none of its clients can verify. The details list expired anchors, the mode and
 * the revocation soft-failure counts.
 */
final class CertGateHealth {
    record Result(String status, Map<String, Object> details) {
    }

    private final PolicyView view;
    private final Clock clock;

    CertGateHealth(PolicyView view, Clock clock) {
        this.view = view;
        this.clock = clock;
    }

    Result check() {
        Instant now = clock.instant();
        List<String> unusable = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        Map<String, Object> softFailures = new LinkedHashMap<>();
        for (HostGroup group : view.groups()) {
            List<X509Certificate> anchors = PolicyView.anchors(group);
            int valid = 0;
            for (X509Certificate anchor : anchors) {
                boolean current = !anchor.getNotAfter().toInstant().isBefore(now)
                        && !anchor.getNotBefore().toInstant().isAfter(now);
                if (current) {
                    valid++;
                } else {
                    expired.add(group.id() + ": " + PolicyView.subject(anchor) + " (notAfter "
                            + anchor.getNotAfter().toInstant() + ")");
                }
            }
            if (!anchors.isEmpty() && valid == 0) {
                unusable.add(group.id());
            }
            if (group.certificates() != null && group.certificates().revocation().enabled()) {
                softFailures.put(group.id(), group.certificates().revocation().softFailures());
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", view.policy().reportOnly() ? "report-only" : "enforce");
        details.put("hostGroups", view.policy().groups().size());
        details.put("rules", view.policy().allRules().size());
        if (!expired.isEmpty()) {
            details.put("expiredAnchors", expired);
        }
        if (!unusable.isEmpty()) {
            details.put("groupsWithoutValidAnchor", unusable);
        }
        if (!softFailures.isEmpty()) {
            details.put("revocationSoftFailures", softFailures);
        }
        return new Result(unusable.isEmpty() ? "UP" : "DOWN", details);
    }
}
