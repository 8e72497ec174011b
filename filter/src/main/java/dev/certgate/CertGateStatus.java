package dev.certgate;

import dev.certgate.internal.ops.Operations;
import dev.certgate.internal.ops.PolicyHolder;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.ops.Metric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of a running certgate filter: what is loaded and its counters. Every call reads
 * the policy running at that moment (a reload replaces it), so keep the view, not its answers.
 * Obtained from {@link CertGateFilter#status()} or the servlet-context attribute
 * {@link CertGateFilter#STATUS_ATTRIBUTE}. Thread-safe.
 */
public final class CertGateStatus {
    private final Operations ops;

    CertGateStatus(Operations ops) {
        this.ops = ops;
    }

    /** False when {@code certgate.enabled=false}: every request passes unexamined. */
    public boolean enabled() {
        return ops.policy().enabled();
    }

    /** True in report-only mode ({@code certgate.mode=report-only}): would-blocks are logged, nothing blocked. */
    public boolean reportOnly() {
        return ops.policy().reportOnly();
    }

    /** 1 for the policy loaded at start-up, one more for every successful reload. */
    public long policyVersion() {
        return ops.holder().loaded().version();
    }

    /** When the running policy was loaded. */
    public Instant policyLoadedAt() {
        PolicyHolder.Loaded loaded = ops.holder().loaded();
        return loaded.loadedAt();
    }

    /** The configured host group ids, in configuration order. */
    public List<String> hostGroups() {
        List<String> ids = new ArrayList<>();
        for (HostGroup g : ops.policy().groups()) {
            ids.add(g.id());
        }
        return List.copyOf(ids);
    }

    /** How many rules the running policy has (each group's own and the global ones). */
    public int ruleCount() {
        return ops.policy().allRules().size();
    }

    /**
     * Every metric now (docs/operations.md lists them): counters summed across reloads, gauges of the
     * running policy — what JMX, Micrometer, OpenTelemetry and the status page show.
     */
    public List<Metric> metrics() {
        return ops.metrics().snapshot();
    }

    /** One metric by name and labels (e.g. {@code certgate_requests_total}, {@code group=api, outcome=blocked}), 0 when it has none yet. */
    public double metric(String name, Map<String, String> labels) {
        return ops.metrics().value(name, labels);
    }

    @Override
    public String toString() {
        return "certgate policy v" + policyVersion() + (enabled() ? "" : " (disabled)")
                + (reportOnly() ? " (report-only)" : "") + ": " + hostGroups().size() + " host group(s), "
                + ruleCount() + " rule(s)";
    }
}
