package dev.certgate.internal.policy;

import dev.certgate.internal.facts.ClientCertificateResolver;
import dev.certgate.internal.facts.RuleResults;
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
    /** Per rule, its slot in the chain's {@link RuleResults}, or -1 when evaluated on every request. */
    private final int[] hostRuleSlots;

    private final int[] globalRuleSlots;
    private final DecisionCounts counts;
    /** The rule lists compiled for one pass: which rules a request can match at all. */
    private final RuleSet hostRuleSet;

    private final RuleSet globalRuleSet;

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
        int[] next = {0};
        this.hostRuleSlots = slots(this.hostRules, next);
        this.globalRuleSlots = slots(this.globalRules, next);
        this.counts = new DecisionCounts(this.hostRules.size() + this.globalRules.size());
        this.hostRuleSet = ruleSet(this.hostRules);
        this.globalRuleSet = ruleSet(this.globalRules);
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

    private static RuleSet ruleSet(List<Rule> rules) {
        return RuleSet.of(rules.stream().map(Rule::expression).toList());
    }

    RuleSet hostRuleSet() {
        return hostRuleSet;
    }

    RuleSet globalRuleSet() {
        return globalRuleSet;
    }

    private static int[] slots(List<Rule> rules, int[] next) {
        int[] slots = new int[rules.size()];
        for (int i = 0; i < slots.length; i++) {
            boolean remembered = next[0] < RuleResults.CAPACITY
                    && RuleResults.chainConstant(rules.get(i).expression().fields());
            slots[i] = remembered ? next[0]++ : -1;
        }
        return slots;
    }

    int[] hostRuleSlots() {
        return hostRuleSlots;
    }

    int[] globalRuleSlots() {
        return globalRuleSlots;
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
