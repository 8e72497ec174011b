package dev.certgate.boot.actuate;

import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.Policy;
import dev.certgate.ops.Metric;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * certgate's health, independent of Boot's health API (which moved between Boot 3 and 4; see
 * {@link HealthIndicators}), read from the running policy and the core's metrics view.
 * <ul>
 * <li>DOWN when a host group's trust anchors are all expired or not yet valid (none of its clients
 *     can verify), when a configured CRL is not loaded or is past its nextUpdate (its answers are
 *     UNKNOWN: blocked under hard-fail), or when every OCSP request of a group since the previous
 *     health check failed (its responder is unreachable or answers nothing usable);</li>
 * <li>UP otherwise: the configuration is loaded (a bad one stops the application) and in force.</li>
 * </ul>
 * The details say which, per host group.
 */
final class CertGateHealth {
    record Result(String status, Map<String, Object> details) {}

    private final PolicyView view;
    private final Clock clock;
    /** OCSP requests and failures per group at the previous check. */
    private final Map<String, double[]> lastOcsp = new HashMap<>();

    CertGateHealth(PolicyView view, Clock clock) {
        this.view = view;
        this.clock = clock;
    }

    synchronized Result check() {
        Instant now = clock.instant();
        Policy policy = view.policy();
        List<String> problems = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (HostGroup group : PolicyView.groups(policy)) {
            List<X509Certificate> anchors = PolicyView.anchors(group);
            int valid = 0;
            for (X509Certificate anchor : anchors) {
                if (!anchor.getNotAfter().toInstant().isBefore(now)
                        && !anchor.getNotBefore().toInstant().isAfter(now)) {
                    valid++;
                } else {
                    expired.add(group.id() + ": " + PolicyView.subject(anchor) + " (notAfter "
                            + anchor.getNotAfter().toInstant() + ")");
                }
            }
            if (!anchors.isEmpty() && valid == 0) {
                problems.add(group.id() + ": no trust anchor is valid now");
            }
        }
        Map<String, Map<String, Object>> crls = new LinkedHashMap<>();
        Map<String, double[]> ocsp = new LinkedHashMap<>();
        for (Metric m : view.operations().metrics().snapshot()) {
            String group = m.labels().getOrDefault("group", "");
            switch (m.name()) {
                case "certgate_crl_loaded", "certgate_crl_age_seconds", "certgate_crl_next_update_seconds" -> {
                    Map<String, Object> crl =
                            crls.computeIfAbsent(group + " " + m.labels().get("crl"), k -> {
                                Map<String, Object> c = new LinkedHashMap<>();
                                c.put("group", group);
                                c.put("location", m.labels().get("crl"));
                                return c;
                            });
                    crl.put(
                            switch (m.name()) {
                                case "certgate_crl_loaded" -> "loaded";
                                case "certgate_crl_age_seconds" -> "ageSeconds";
                                default -> "nextUpdateInSeconds";
                            },
                            m.name().equals("certgate_crl_loaded")
                                    ? (Object) (m.value() > 0)
                                    : (Object) (long) m.value());
                }
                case "certgate_ocsp_requests_total" -> ocsp.computeIfAbsent(group, k -> new double[2])[0] = m.value();
                case "certgate_ocsp_failures_total" -> ocsp.computeIfAbsent(group, k -> new double[2])[1] = m.value();
                default -> {}
            }
        }
        for (Map<String, Object> crl : crls.values()) {
            if (Boolean.FALSE.equals(crl.get("loaded"))) {
                problems.add(crl.get("group") + ": CRL " + crl.get("location") + " is not loaded");
            } else if (crl.get("nextUpdateInSeconds") instanceof Long next && next < 0) {
                problems.add(crl.get("group") + ": CRL " + crl.get("location") + " is past its nextUpdate");
            }
        }
        Map<String, Object> ocspDetails = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : ocsp.entrySet()) {
            double[] before = lastOcsp.getOrDefault(e.getKey(), new double[2]);
            double requests = e.getValue()[0] - before[0];
            double failures = e.getValue()[1] - before[1];
            if (requests > 0 && failures >= requests) {
                problems.add(e.getKey() + ": every OCSP request since the last check failed");
            }
            ocspDetails.put(e.getKey(), Map.of("requests", (long) e.getValue()[0], "failures", (long) e.getValue()[1]));
            lastOcsp.put(e.getKey(), e.getValue().clone());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", policy.reportOnly() ? "report-only" : "enforce");
        details.put("policyVersion", view.operations().holder().loaded().version());
        details.put("hostGroups", policy.groups().size());
        details.put("rules", policy.allRules().size());
        if (!expired.isEmpty()) {
            details.put("expiredAnchors", expired);
        }
        if (!crls.isEmpty()) {
            details.put("crls", List.copyOf(crls.values()));
        }
        if (!ocspDetails.isEmpty()) {
            details.put("ocsp", ocspDetails);
        }
        if (!problems.isEmpty()) {
            details.put("problems", problems);
        }
        return new Result(problems.isEmpty() ? "UP" : "DOWN", details);
    }
}
