package dev.certgate.internal.ops;

import dev.certgate.internal.facts.ClientCertificateResolver;
import dev.certgate.internal.forwarding.ForwardingCounters;
import dev.certgate.internal.policy.DecisionCounts;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.Policy;
import dev.certgate.internal.policy.Rule;
import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.ops.Metric;
import dev.certgate.revocation.RevocationSourceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The metrics view: the one place that reads certgate's counters, framework-neutral. JMX, the
 * Micrometer and OpenTelemetry bridges, the status page and other integrations (the Spring Boot
 * Actuator adapter) all read {@link #snapshot()}; nothing else keeps counts. The counters
 * themselves are incremented where the work happens (a host group's {@link DecisionCounts}, a
 * resolver's cache, a revocation policy); a replaced policy's counts are added to a base when it
 * is closed, so counters only grow across reloads. Read-only and thread-safe.
 */
public final class GateMetrics {
    private final PolicyHolder holder;
    private final Clock clock;
    private final Reloader reloader;
    private final DecisionEvents events;
    private final ExpiryWatch expiry;
    /** Replaced policies still finishing their requests: read live until closed. */
    private final List<Policy> retiring = new CopyOnWriteArrayList<>();
    /** Counts of closed policies, by {@link Metric#key()}. */
    private final Map<String, Metric> base = new LinkedHashMap<>();

    GateMetrics(PolicyHolder holder, Clock clock, Reloader reloader, DecisionEvents events, ExpiryWatch expiry) {
        this.holder = holder;
        this.clock = clock;
        this.reloader = reloader;
        this.events = events;
        this.expiry = expiry;
    }

    /** Every metric now: counters summed over the running and the replaced policies, gauges of the running one. */
    public List<Metric> snapshot() {
        Map<String, Metric> out = new LinkedHashMap<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Policy current = holder.current();
        counters(current, seen, out);
        for (Policy p : retiring) {
            counters(p, seen, out);
        }
        synchronized (base) {
            base.values().forEach(m -> add(out, m));
        }
        PolicyHolder.Loaded loaded = holder.loaded();
        Emit global = new Emit(out, Map.of());
        global.with("result", "ok").counter("certgate_reloads_total", "reloads by result", reloader.succeeded());
        global.with("result", "failed").counter("certgate_reloads_total", "reloads by result", reloader.refused());
        global.gauge("certgate_policy_version", "version of the running policy (1 at start-up)", loaded.version());
        global.gauge(
                "certgate_policy_loaded_seconds",
                "when the running policy was loaded (Unix time)",
                loaded.loadedAt().getEpochSecond());
        global.counter("certgate_events_written_total", "decision events written (logger and sinks)", events.written());
        global.counter(
                "certgate_events_suppressed_total", "decision events only counted (rate limit)", events.suppressed());
        for (HostGroup g : groups(current)) {
            ClientCertificateResolver r = g.certificates();
            Emit group = new Emit(out, Map.of("group", g.id()));
            group.gauge("certgate_verification_cache_size", "chains in the verification cache", r.cachedChains());
            sourceGauges(group, r.revocation());
        }
        ExpiryWatch.Report report = expiry.last();
        if (report != null) {
            report.daysUntilFirstAnchorExpires()
                    .ifPresent(days -> global.gauge(
                            "certgate_anchor_expiry_days",
                            "days until the first trust anchor expires (negative: expired)",
                            days));
            report.expiringByGroup()
                    .forEach((group, n) -> global.with("group", group)
                            .gauge(
                                    "certgate_anchors_expiring",
                                    "trust anchors and signers expiring within the warning window",
                                    n));
            report.clientsByGroup()
                    .forEach((group, n) -> global.with("group", group)
                            .gauge(
                                    "certgate_clients_expiring",
                                    "cached client certificates expiring within the warning window",
                                    n));
        }
        return List.copyOf(out.values());
    }

    private void sourceGauges(Emit group, RevocationPolicy rev) {
        if (rev == null || !rev.enabled()) {
            return;
        }
        Instant now = clock.instant();
        for (RevocationSourceStatus src : rev.sources()) {
            if (src.kind().equals("ocsp")) {
                group.gauge("certgate_ocsp_cache_size", "OCSP answers cached", src.entries());
            } else if (src.kind().equals("crl")) {
                Emit crl = group.with("crl", src.location());
                crl.gauge(
                        "certgate_crl_loaded",
                        "1 when a verified CRL is in use, else 0",
                        src.thisUpdate() == null ? 0 : 1);
                if (src.thisUpdate() != null) {
                    crl.gauge(
                            "certgate_crl_age_seconds",
                            "seconds since the CRL in use was issued (thisUpdate)",
                            Duration.between(src.thisUpdate(), now).toSeconds());
                    crl.gauge("certgate_crl_entries", "revoked entries in the CRL in use", src.entries());
                }
                if (src.nextUpdate() != null) {
                    crl.gauge(
                            "certgate_crl_next_update_seconds",
                            "seconds until the CRL's nextUpdate (negative: stale)",
                            Duration.between(now, src.nextUpdate()).toSeconds());
                }
            }
        }
    }

    /** The value of one metric by name and labels, 0 when it has none yet. */
    public double value(String name, Map<String, String> labels) {
        String key = new Metric(name, Metric.Type.GAUGE, "", labels, 0).key();
        for (Metric m : snapshot()) {
            if (m.key().equals(key)) {
                return m.value();
            }
        }
        return 0;
    }

    /** A replaced policy: read live until {@link #closed} is called for it. */
    void retiring(Policy replaced) {
        retiring.add(replaced);
    }

    /** A replaced policy is closed: its counts move to the base, except what the running policy still uses. */
    void closed(Policy replaced) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Metric> ignore = new LinkedHashMap<>();
        counters(holder.current(), seen, ignore);
        for (Policy p : retiring) {
            if (p != replaced) {
                counters(p, seen, ignore);
            }
        }
        Map<String, Metric> folded = new LinkedHashMap<>();
        counters(replaced, seen, folded);
        synchronized (base) {
            folded.values().forEach(m -> add(base, m));
        }
        retiring.remove(replaced);
    }

    private static List<HostGroup> groups(Policy p) {
        List<HostGroup> all = new ArrayList<>(p.groups());
        all.add(p.fallback());
        return all;
    }

    /** The forwarded-certificate counts by outcome (summed across reloads); empty while forwarding was never on. */
    public Map<String, Long> forwardedCertificates() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Metric m : snapshot()) {
            if (m.name().equals(FORWARDED)) {
                out.put(m.labels().get("outcome"), (long) m.value());
            }
        }
        return out;
    }

    private static final String FORWARDED = "certgate_forwarded_certificates_total";

    /** The counters of one policy; objects in {@code seen} (shared with another policy) are skipped. */
    private static void counters(Policy p, Set<Object> seen, Map<String, Metric> out) {
        ForwardingCounters forwarding = p.forwarding().counters();
        if (!p.forwarding().isOff() && seen.add(forwarding)) {
            forwarding
                    .snapshot()
                    .forEach((outcome, n) -> new Emit(out, Map.of("outcome", outcome.replace('-', '_')))
                            .counter(FORWARDED, "forwarded certificate headers by outcome", n));
        }
        for (HostGroup g : groups(p)) {
            DecisionCounts counts = g.counts();
            Emit group = new Emit(out, Map.of("group", g.id()));
            for (DecisionCounts.Outcome o : DecisionCounts.Outcome.values()) {
                group.with("outcome", o.name().toLowerCase(java.util.Locale.ROOT))
                        .counter("certgate_requests_total", "requests by host group and outcome", counts.outcomes(o));
            }
            for (int i = 0; i < g.ruleCount(); i++) {
                Rule rule = g.ruleAt(i);
                group.with("rule", rule.id())
                        .with("action", rule.action().configName())
                        .counter(
                                "certgate_rule_matches_total",
                                "rule matches by host group, rule and action",
                                counts.matches(i));
            }
            ClientCertificateResolver r = g.certificates();
            if (r != null && seen.add(r)) {
                group.counter(
                        "certgate_verification_cache_hits_total",
                        "chains found in the verification cache",
                        r.cacheHits());
                group.counter(
                        "certgate_verification_cache_misses_total", "chains that had to be verified", r.cacheMisses());
                String verifications = "certgate_verifications_total";
                String help = "new chains verified, by result";
                group.with("result", "verified").counter(verifications, help, r.verifiedChains());
                group.with("result", "failed").counter(verifications, help, r.failedChains());
            }
            RevocationPolicy rev = r == null ? null : r.revocation();
            if (rev != null && rev.enabled() && seen.add(rev)) {
                revocationCounters(group, rev);
            }
        }
    }

    private static void revocationCounters(Emit group, RevocationPolicy rev) {
        group.counter(
                "certgate_revocation_soft_failures_total",
                "unknown revocation answers let through by failure=soft",
                rev.softFailures());
        for (RevocationSourceStatus src : rev.sources()) {
            if (src.kind().equals("ocsp")) {
                group.counter("certgate_ocsp_requests_total", "OCSP requests sent", src.requests());
                group.counter("certgate_ocsp_failures_total", "OCSP requests without a usable answer", src.failures());
                group.counter(
                        "certgate_ocsp_latency_seconds_total", "time spent in OCSP requests", src.latencyNanos() / 1e9);
            }
        }
        rev.answers().forEach((key, n) -> {
            int slash = key.indexOf('/');
            group.with("status", key.substring(0, slash))
                    .with("source", key.substring(slash + 1))
                    .counter("certgate_revocation_answers_total", "revocation answers by status and source", n);
        });
    }

    /** Adds metrics with one set of labels to a snapshot (summing those with the same key). */
    private record Emit(Map<String, Metric> out, Map<String, String> labels) {
        Emit with(String label, String value) {
            Map<String, String> more = new LinkedHashMap<>(labels);
            more.put(label, value);
            return new Emit(out, Map.copyOf(more));
        }

        void counter(String name, String help, double value) {
            add(out, GateMetrics.counter(name, help, labels, value));
        }

        void gauge(String name, String help, double value) {
            add(out, GateMetrics.gauge(name, help, labels, value));
        }
    }

    private static Metric counter(String name, String help, Map<String, String> labels, double value) {
        return new Metric(name, Metric.Type.COUNTER, help, labels, value);
    }

    private static Metric gauge(String name, String help, Map<String, String> labels, double value) {
        return new Metric(name, Metric.Type.GAUGE, help, labels, value);
    }

    private static void add(Map<String, Metric> out, Metric m) {
        out.merge(m.key(), m, (a, b) -> new Metric(a.name(), a.type(), a.help(), a.labels(), a.value() + b.value()));
    }
}
