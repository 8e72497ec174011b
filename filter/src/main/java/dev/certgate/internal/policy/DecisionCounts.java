package dev.certgate.internal.policy;

import java.util.concurrent.atomic.LongAdder;

/**
 * The request-path counters of one host group: matches per rule position (the group's own rules,
 * then the global ones, so a global rule is counted per group) and request outcomes. Only
 * increments happen here; {@code dev.certgate.internal.ops.GateMetrics} is the one place that reads them and
 * adds up the counts of replaced policies, so a reload never resets a counter.
 */
public final class DecisionCounts {
    /** What happened to a request of the group. */
    public enum Outcome {
        /** A block rule matched and the block response was sent. */
        BLOCKED,
        /** A block rule matched in report-only mode: logged, let through. */
        WOULD_BLOCK,
        /** An allow rule matched. */
        ALLOWED,
        /** No terminating rule matched: the request went on. */
        PASSED,
        /** An internal error happened while deciding (then on-error decided). */
        ERROR
    }

    private final LongAdder[] ruleMatches;
    private final LongAdder[] outcomes;

    DecisionCounts(int rules) {
        this.ruleMatches = adders(rules);
        this.outcomes = adders(Outcome.values().length);
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void countMatch(int position) {
        ruleMatches[position].increment();
    }

    public void count(Outcome outcome) {
        outcomes[outcome.ordinal()].increment();
    }

    /** Matches of the rule at {@code position} (host rules first, then global rules). */
    public long matches(int position) {
        return ruleMatches[position].sum();
    }

    public long outcomes(Outcome outcome) {
        return outcomes[outcome.ordinal()].sum();
    }
}
