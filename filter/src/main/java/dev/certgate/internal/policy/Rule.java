package dev.certgate.internal.policy;

import dev.certgate.internal.rules.Expression;

/** One compiled rule: an id, an expression, an action and, for block, the response. Immutable; its matches are counted per host group ({@link DecisionCounts}). */
public final class Rule {
    private final String id;
    private final String description;
    private final Expression expression;
    private final Action action;
    private final boolean reportOnly;
    private final BlockResponse response;
    private final String origin;

    /**
     * @param origin where the rule comes from, for messages (e.g. the property prefix)
     */
    public Rule(
            String id,
            String description,
            Expression expression,
            Action action,
            boolean reportOnly,
            BlockResponse response,
            String origin) {
        this.id = id;
        this.description = description == null ? "" : description;
        this.expression = expression;
        this.action = action;
        this.reportOnly = reportOnly;
        this.response = response == null ? BlockResponse.DEFAULT : response;
        this.origin = origin;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public Expression expression() {
        return expression;
    }

    public Action action() {
        return action;
    }

    public boolean reportOnly() {
        return reportOnly;
    }

    public BlockResponse response() {
        return response;
    }

    public String origin() {
        return origin;
    }
}
