package dev.certgate.internal.principal;

import dev.certgate.internal.rules.Expression;

/**
 * A role granted to a request when its expression matches.
 *
 * @param property the property the expression came from, for messages
 */
public record RoleRule(String role, Expression expression, String property) {}
