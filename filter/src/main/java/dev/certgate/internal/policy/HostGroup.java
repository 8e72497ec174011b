package dev.certgate.internal.policy;

import dev.certgate.internal.facts.ClientCertificateResolver;
import dev.certgate.internal.rules.RuleSet;
import java.util.List;

/**
 * The hosts that share one configuration: names, the client-certificate resolver (trust anchors,
 * verification cache, revocation) and the ordered rules: the group's own (the mTLS rule first when
 * enabled), then the global ones.
 */
public final class HostGroup {
    private final String id;
    private final List<String> names;
    private final List<Rule> hostRules;
    private final List<Rule> globalRules;
    private final ClientCertificateResolver certificates;
    private final DecisionCounts counts;
    /**
     * The rule lists compiled for one pass; their certificate-only tests are remembered per chain
     * in the chain's {@code RuleResults}, lists 0 and 1.
     */
    private final RuleSet hostRuleSet;

    private final RuleSet globalRuleSet;

    /** Per list, the rules whose match ends it (bit i for rule i): in enforcing mode, then in report-only mode. */
    private final long[] hostStops;

    private final long[] globalStops;

    /** The body prefix a request of this group buffers for its rules, or 0 when no rule reads the body. */
    private final int bodyLimit;

    public HostGroup(
            String id,
            List<String> names,
            List<Rule> hostRules,
            List<Rule> globalRules,
            ClientCertificateResolver certificates) {
        this(id, names, hostRules, globalRules, certificates, 0);
    }

    /** @param bodyLimit {@code certgate.request-body.max-size}, or 0 when body fields are off */
    public HostGroup(
            String id,
            List<String> names,
            List<Rule> hostRules,
            List<Rule> globalRules,
            ClientCertificateResolver certificates,
            int bodyLimit) {
        this.id = id;
        this.names = List.copyOf(names);
        this.hostRules = List.copyOf(hostRules);
        this.globalRules = List.copyOf(globalRules);
        this.certificates = certificates;
        this.counts = new DecisionCounts(this.hostRules.size() + this.globalRules.size());
        this.hostRuleSet = ruleSet(this.hostRules, 0);
        this.globalRuleSet = ruleSet(this.globalRules, 1);
        this.hostStops = stops(this.hostRules);
        this.globalStops = stops(this.globalRules);
        boolean readsBody = java.util.stream.Stream.concat(this.hostRules.stream(), this.globalRules.stream())
                .anyMatch(r -> r.expression().fields().stream().anyMatch(dev.certgate.internal.rules.Field::bodyField));
        this.bodyLimit = readsBody ? bodyLimit : 0;
    }

    /** How many body bytes this group's rules may see; 0 (no buffering) when none reads a body field. */
    public int bodyLimit() {
        return bodyLimit;
    }

    /** This group's match and outcome counters (read through {@code dev.certgate.internal.ops.GateMetrics}). */
    public DecisionCounts counts() {
        return counts;
    }

    /** The rule at a counter position: host rules first, then global rules. */
    public Rule ruleAt(int position) {
        return position < hostRules.size() ? hostRules.get(position) : globalRules.get(position - hostRules.size());
    }

    /** How many rules the group evaluates (its own and the global ones). */
    public int ruleCount() {
        return hostRules.size() + globalRules.size();
    }

    private static RuleSet ruleSet(List<Rule> rules, int memoList) {
        return RuleSet.of(rules.stream().map(Rule::expression).toList(), memoList);
    }

    private static long[] stops(List<Rule> rules) {
        long[] stops = new long[2];
        for (int i = 0; i < Math.min(rules.size(), RuleSet.INDEXED); i++) {
            for (int mode = 0; mode < 2; mode++) {
                if (Policy.terminates(rules.get(i), mode == 1)) {
                    stops[mode] |= 1L << i;
                }
            }
        }
        return stops;
    }

    long hostStops(boolean reportOnlyMode) {
        return hostStops[reportOnlyMode ? 1 : 0];
    }

    long globalStops(boolean reportOnlyMode) {
        return globalStops[reportOnlyMode ? 1 : 0];
    }

    RuleSet hostRuleSet() {
        return hostRuleSet;
    }

    RuleSet globalRuleSet() {
        return globalRuleSet;
    }

    public String id() {
        return id;
    }

    /** Normalised names; wildcards as {@code *.example.com}. */
    public List<String> names() {
        return names;
    }

    public List<Rule> hostRules() {
        return hostRules;
    }

    public List<Rule> globalRules() {
        return globalRules;
    }

    /** Null for a group without client-certificate configuration (every certificate field takes its default). */
    public ClientCertificateResolver certificates() {
        return certificates;
    }
}
