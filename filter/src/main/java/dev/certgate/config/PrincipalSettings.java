package dev.certgate.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.certgate.principal.Identity;
import dev.certgate.principal.PrincipalMapping;
import dev.certgate.principal.PrincipalMappings;
import dev.certgate.principal.RoleRule;
import dev.certgate.rules.Expression;
import dev.certgate.rules.NamedLists;
import dev.certgate.rules.RuleSyntaxException;

/**
 * Reads principal mapping: {@code certgate.principal} and {@code certgate.roles} /
 * {@code certgate.role.<role>.expression} for every host, overridden per group by
 * {@code certgate.host.<id>.principal} and {@code certgate.host.<id>.roles} /
 * {@code certgate.host.<id>.role.<role>.expression} (a group's role replaces a global one of the
 * same name). Off unless {@code certgate.principal} names an identity.
 */
final class PrincipalSettings {
    private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private PrincipalSettings() {
    }

    static PrincipalMappings read(PropertySource source, List<String> groupIds, NamedLists lists)
            throws ConfigException {
        Optional<Identity> globalIdentity = identity(source, "certgate.principal");
        Map<String, RoleRule> globalRoles = roles(source, "certgate.roles", "certgate.role.", "every host", lists);
        PrincipalMapping fallback = mapping(globalIdentity, globalRoles, "certgate.roles");
        Map<String, PrincipalMapping> byGroup = new LinkedHashMap<>();
        for (String id : groupIds) {
            String prefix = "certgate.host." + id + ".";
            Optional<String> own = source.get(prefix + "principal");
            Optional<Identity> identity = own.isPresent() ? identity(source, prefix + "principal") : globalIdentity;
            Map<String, RoleRule> roles = new LinkedHashMap<>(globalRoles);
            roles.putAll(roles(source, prefix + "roles", prefix + "role.", "host group '" + id + "'", lists));
            byGroup.put(id, mapping(identity, roles, prefix + "roles"));
        }
        return new PrincipalMappings(byGroup, fallback);
    }

    private static PrincipalMapping mapping(Optional<Identity> identity, Map<String, RoleRule> roles, String rolesKey)
            throws ConfigException {
        if (identity.isEmpty()) {
            if (!roles.isEmpty()) {
                RoleRule first = roles.values().iterator().next();
                throw new ConfigException(first.property(), "role '" + first.role() + "' is configured but principal"
                        + " mapping is off; set certgate.principal (or certgate.host.<id>.principal) to one of "
                        + Identity.choices());
            }
            return PrincipalMapping.OFF;
        }
        return new PrincipalMapping(identity.get(), new ArrayList<>(roles.values()));
    }

    private static Optional<Identity> identity(PropertySource source, String key) throws ConfigException {
        Optional<String> value = source.get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Identity.parse(value.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private static Map<String, RoleRule> roles(PropertySource source, String listKey, String rolePrefix, String scope,
                                               NamedLists lists) throws ConfigException {
        Map<String, RoleRule> roles = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String role : list(source, listKey)) {
            if (!ROLE.matcher(role).matches()) {
                throw new ConfigException(listKey, "'" + role + "' is not a valid role name (expected lower-case"
                        + " letters, digits, '-' and '_', starting with a letter or digit)");
            }
            if (!seen.add(role)) {
                throw new ConfigException(listKey, "'" + role + "' is listed twice");
            }
            String exprKey = rolePrefix + role + ".expression";
            String expression = source.get(exprKey).orElseThrow(() -> new ConfigException(exprKey,
                    "role '" + role + "' is listed in " + listKey + " but has no expression"));
            try {
                roles.put(role, new RoleRule(role, Expression.compile(expression, lists), exprKey));
            } catch (RuleSyntaxException e) {
                throw new ConfigException(exprKey, "role '" + role + "' (" + scope + ") is not a valid expression:\n"
                        + e.getMessage(), e);
            }
        }
        return roles;
    }

    private static List<String> list(PropertySource source, String key) {
        return source.get(key)
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
