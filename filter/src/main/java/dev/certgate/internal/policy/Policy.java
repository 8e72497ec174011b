package dev.certgate.internal.policy;

import dev.certgate.internal.facts.RecentValues;
import dev.certgate.internal.facts.RuleResults;
import dev.certgate.internal.forwarding.Forwarding;
import dev.certgate.internal.principal.PrincipalMappings;
import dev.certgate.internal.rules.FieldValues;
import dev.certgate.internal.rules.RuleSet;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The whole compiled configuration: immutable, validated, built once at start-up. Finds the host
 * group of a request and evaluates its rules in order; the first terminating action wins.
 */
public final class Policy implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.certgate");
    /** Id of the rule that blocks hosts in no group (certgate.on-unmatched-host=block). */
    public static final String UNMATCHED_HOST_RULE = "unmatched-host";

    private final boolean enabled;
    private final boolean reportOnly;
    private final boolean failOpenOnError;
    private final HostIndex index;
    /** Raw Host values seen recently → normalised host and group: nearly every request names one of a few. */
    private final RecentValues<HostMatch> recentHosts;

    private final List<HostGroup> groups;
    private final HostGroup fallback;
    private final List<AutoCloseable> resources;
    private final Clock clock;
    private final PrincipalMappings principals;
    /** The last instant handed out: requests in the same millisecond share one object. */
    private volatile Instant lastInstant = Instant.EPOCH;

    /** {@link #onMatch}'s answer for a skip: the list ends without a decision (compared by identity). */
    private static final Decision SKIPPED = new Decision(false, null);

    private final Forwarding forwarding;
    private final BlockResponse defaultResponse;

    /**
     * @param fallback        the group for hosts in no group (global rules only)
     * @param forwarding      trusted proxies and what they forward ({@link Forwarding#OFF} unless configured)
     * @param defaultResponse {@code certgate.block.*}: also the answer to a request refused before the rules
     * @param principals      how each host group names the user of a verified certificate ({@link PrincipalMappings#OFF})
     * @param resources       what {@link #close()} stops (revocation refresh)
     */
    public Policy(
            Mode mode,
            List<HostGroup> groups,
            HostGroup fallback,
            Forwarding forwarding,
            BlockResponse defaultResponse,
            PrincipalMappings principals,
            List<AutoCloseable> resources,
            Clock clock) {
        this.enabled = mode.enabled();
        this.reportOnly = mode.reportOnly();
        this.failOpenOnError = mode.failOpenOnError();
        this.groups = List.copyOf(groups);
        this.fallback = fallback;
        this.index = new HostIndex(this.groups, fallback);
        this.recentHosts = new RecentValues<>(64, 256, raw -> {
            String host = HostNames.normalizeRequestHost(raw);
            return new HostMatch(host, index.find(host));
        });
        this.forwarding = forwarding;
        this.defaultResponse = defaultResponse;
        this.principals = principals;
        this.resources = List.copyOf(resources);
        this.clock = clock;
    }

    /**
     * The gate's three switches: {@code certgate.enabled}, {@code certgate.mode=report-only} and
     * {@code certgate.on-error=allow}.
     *
     * @param reportOnly      would-blocks are logged and counted, nothing is blocked
     * @param failOpenOnError an internal error lets the request through (an explicit operator choice)
     */
    public record Mode(boolean enabled, boolean reportOnly, boolean failOpenOnError) {}

    /** How each host group names the user of a verified certificate (off unless configured). */
    public PrincipalMappings principals() {
        return principals;
    }

    /** The clock requests are judged by (certificate validity, revocation freshness). */
    public Clock clock() {
        return clock;
    }

    /**
     * Now, to the millisecond, by {@link #clock()}. Certificate and revocation times are far coarser,
     * and sharing the instant within a millisecond saves an allocation per request.
     */
    public Instant now() {
        long millis = clock.millis();
        Instant last = lastInstant;
        if (last.toEpochMilli() == millis) {
            return last;
        }
        Instant now = Instant.ofEpochMilli(millis);
        lastInstant = now;
        return now;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Report-only for the whole policy: would-blocks are logged and counted, nothing is blocked. */
    public boolean reportOnly() {
        return reportOnly;
    }

    /** Whether an internal error lets the request through (an explicit operator choice); the default blocks. */
    public boolean failOpenOnError() {
        return failOpenOnError;
    }

    /** The configured block response ({@code certgate.block.*}). */
    public BlockResponse defaultResponse() {
        return defaultResponse;
    }

    /** Trusted proxies and what they forward, per host group. */
    public Forwarding forwarding() {
        return forwarding;
    }

    /** Whether a request whose host is in no group (or that names no host) gets the block response. */
    public boolean blocksUnmatchedHosts() {
        return fallback.hostRules().stream().anyMatch(r -> r.id().equals(UNMATCHED_HOST_RULE));
    }

    /**
     * One line for the start-up log: every group with its names, and what a host in no group gets
     * (the default that decides whether a client can reach the application by naming another host).
     */
    public String describeHosts() {
        StringBuilder sb = new StringBuilder("host groups: ");
        if (groups.isEmpty()) {
            sb.append("none");
        }
        for (int i = 0; i < groups.size(); i++) {
            HostGroup g = groups.get(i);
            sb.append(i == 0 ? "" : "; ")
                    .append(g.id())
                    .append(" (")
                    .append(String.join(", ", g.names()))
                    .append(')');
        }
        sb.append(". A host in no group, or a request naming no host: ");
        if (blocksUnmatchedHosts()) {
            sb.append("BLOCKED (certgate.on-unmatched-host=block");
            sb.append(groups.isEmpty() ? "; with no host group every request is blocked)" : ")");
        } else {
            sb.append("ALLOWED with only the ")
                    .append(fallback.globalRules().size())
                    .append(" global rule(s) (certgate.on-unmatched-host=allow)");
        }
        return sb.toString();
    }

    public List<HostGroup> groups() {
        return groups;
    }

    /** The group for hosts that no configured name matches (global rules only). */
    public HostGroup fallback() {
        return fallback;
    }

    /** The group of a normalised host name. */
    public HostGroup groupFor(String normalizedHost) {
        return index.find(normalizedHost);
    }

    /** The normalised host and group of a raw {@code Host} header value (null reads as empty). */
    public HostMatch matchRequestHost(String hostHeader) {
        return recentHosts.get(hostHeader == null ? "" : hostHeader);
    }

    /**
     * Evaluates the group's rules against the request's values.
     *
     * @param chainResults the results of certificate-only rules remembered for the request's chain,
     *                     asked only when such a rule is reached (finding them may verify the chain);
     *                     null, or answering null, when nothing is remembered: every rule is evaluated
     * @param onReport called for log matches and report-only would-blocks
     */
    public Decision evaluate(
            HostGroup group, FieldValues values, Supplier<RuleResults> chainResults, Reporter onReport) {
        Decision d = evaluateList(
                group,
                group.hostRules(),
                group.hostRuleSet(),
                group.hostStops(reportOnly),
                0,
                values,
                chainResults,
                onReport);
        if (d == null) {
            d = evaluateList(
                    group,
                    group.globalRules(),
                    group.globalRuleSet(),
                    group.globalStops(reportOnly),
                    group.hostRules().size(),
                    values,
                    chainResults,
                    onReport);
        }
        if (d == null) {
            d = Decision.PASS;
        }
        group.counts()
                .count(
                        d.blocked()
                                ? DecisionCounts.Outcome.BLOCKED
                                : d.rule() != null ? DecisionCounts.Outcome.ALLOWED : DecisionCounts.Outcome.PASSED);
        return d;
    }

    /**
     * Null when the list ends (or is skipped) without a terminating decision. The first {@link
     * RuleSet#INDEXED} rules run as one pass of the set's program, which stops at the first match
     * in {@code stops} and takes certificate-only answers from the chain's memo; the matches are
     * then acted on in rule order, as if each rule had been evaluated in turn.
     */
    private Decision evaluateList(
            HostGroup group,
            List<Rule> rules,
            RuleSet set,
            long stops,
            int firstPosition,
            FieldValues values,
            Supplier<RuleResults> chainResults,
            Reporter onReport) {
        int n = rules.size();
        if (n == 0) {
            return null;
        }
        long matched;
        try {
            matched = set.matching(values, stops, chainResults);
        } catch (RuntimeException e) {
            // Rule by rule, so that the matches before the failing rule are counted and reported
            // before the failure propagates, as they always were.
            return evaluateFrom(0, group, rules, firstPosition, values, onReport);
        }
        for (long m = matched; m != 0; m &= m - 1) {
            int i = Long.numberOfTrailingZeros(m);
            Decision d = onMatch(group, rules.get(i), firstPosition + i, values, onReport);
            if (d != null) {
                return d == SKIPPED ? null : d;
            }
        }
        return n > RuleSet.INDEXED
                ? evaluateFrom(RuleSet.INDEXED, group, rules, firstPosition, values, onReport)
                : null;
    }

    /** The rules from {@code first} on, each evaluated alone. */
    private Decision evaluateFrom(
            int first, HostGroup group, List<Rule> rules, int firstPosition, FieldValues values, Reporter onReport) {
        for (int i = first, n = rules.size(); i < n; i++) {
            Rule rule = rules.get(i);
            if (rule.expression().matches(values)) {
                Decision d = onMatch(group, rule, firstPosition + i, values, onReport);
                if (d != null) {
                    return d == SKIPPED ? null : d;
                }
            }
        }
        return null;
    }

    /** What a matching rule's action means for its list: null to go on, {@link #SKIPPED}, or the decision. */
    private Decision onMatch(HostGroup group, Rule rule, int position, FieldValues values, Reporter onReport) {
        DecisionCounts counts = group.counts();
        counts.countMatch(position);
        switch (rule.action()) {
            case BLOCK:
                if (reportOnly || rule.reportOnly()) {
                    counts.count(DecisionCounts.Outcome.WOULD_BLOCK);
                    onReport.report(group, rule, true, values);
                    return null;
                }
                return Decision.block(rule);
            case ALLOW:
                return Decision.allow(rule);
            case SKIP:
                return SKIPPED;
            case LOG:
                onReport.report(group, rule, false, values);
                return null;
            default:
                throw new IllegalStateException("unhandled action " + rule.action());
        }
    }

    /** Whether a rule's match ends its list (and so the pass): allow, skip, and block unless only reported. */
    static boolean terminates(Rule rule, boolean reportOnlyMode) {
        return switch (rule.action()) {
            case ALLOW, SKIP -> true;
            case BLOCK -> !reportOnlyMode && !rule.reportOnly();
            case LOG -> false;
        };
    }

    /**
     * Evaluates like {@link #evaluate} but counts nothing, reports nothing and remembers nothing:
     * for previews (the status page's "test this certificate"). Every rule evaluated, in order, is
     * given to {@code onRule} with whether it matched.
     */
    public Decision preview(HostGroup group, FieldValues values, java.util.function.BiConsumer<Rule, Boolean> onRule) {
        Decision d = previewList(group.hostRules(), values, onRule);
        if (d == null) {
            d = previewList(group.globalRules(), values, onRule);
        }
        return d == null ? Decision.PASS : d;
    }

    private Decision previewList(
            List<Rule> rules, FieldValues values, java.util.function.BiConsumer<Rule, Boolean> onRule) {
        for (Rule rule : rules) {
            boolean matched = rule.expression().matches(values);
            onRule.accept(rule, matched);
            if (!matched) {
                continue;
            }
            switch (rule.action()) {
                case BLOCK:
                    if (!reportOnly && !rule.reportOnly()) {
                        return Decision.block(rule);
                    }
                    continue;
                case ALLOW:
                    return Decision.allow(rule);
                case SKIP:
                    return null;
                default:
                    continue;
            }
        }
        return null;
    }

    /** Every rule, for previews and metrics: each group's own rules, then the global ones. */
    public List<Rule> allRules() {
        List<Rule> all = new ArrayList<>();
        for (HostGroup g : groups) {
            all.addAll(g.hostRules());
        }
        all.addAll(fallback.globalRules());
        return all;
    }

    /** Stops background work (revocation refresh) of this policy. */
    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "certgate: closing " + r + " failed: " + e);
            }
        }
    }

    /** Receives non-terminating outcomes: log matches and report-only would-blocks. */
    @FunctionalInterface
    public interface Reporter {
        void report(HostGroup group, Rule rule, boolean wouldBlock, FieldValues values);
    }
}
