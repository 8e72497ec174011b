package dev.certgate.principal;

import dev.certgate.rules.Expression;

/**
 * A role granted to a request when its expression matches.
 *
 * @param property the property the expression came from, for messages
 */
public record RoleRule(String role, Expression expression, String property) {
}
