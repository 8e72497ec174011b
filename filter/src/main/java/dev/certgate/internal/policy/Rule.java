package dev.certgate.internal.policy;

import dev.certgate.internal.rules.Expression;

/**
 * One compiled rule: an id, an expression, an action and, for block, the response. Immutable; its
 * matches are counted per host group ({@link DecisionCounts}).
 *
 * @param description free text for previews and logs (empty when none)
 * @param response    the answer of a block rule ({@link BlockResponse#DEFAULT} when none is set)
 * @param origin      where the rule comes from, for messages (e.g. the property prefix)
 */
public record Rule(
        String id,
        String description,
        Expression expression,
        Action action,
        boolean reportOnly,
        BlockResponse response,
        String origin) {
    public Rule {
        description = description == null ? "" : description;
        response = response == null ? BlockResponse.DEFAULT : response;
    }
}
