package dev.certgate.internal.config;

import dev.certgate.internal.principal.PrincipalMapping;
import dev.certgate.internal.principal.PrincipalMappings;
import dev.certgate.internal.principal.RoleRule;
import dev.certgate.internal.rules.Expression;
import dev.certgate.internal.rules.NamedLists;
import dev.certgate.internal.rules.RuleSyntaxException;
import dev.certgate.internal.settings.Key;
import dev.certgate.internal.settings.Keys;
import dev.certgate.internal.settings.SettingReader;
import dev.certgate.principal.Identity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads principal mapping ({@link Keys#PRINCIPAL_IDENTITY}, {@link Keys#ROLES_LIST},
 * {@link Keys#ROLE_EXPRESSION}): globally and per host group, a group's setting overriding the
 * global one and a group's role replacing a global role of the same name. Off unless
 * {@code certgate.principal} names an identity.
 */
final class PrincipalSettings {

    private PrincipalSettings() {}

    /**
     * @param roleIds filled with the role ids of every scope ("" for the global roles), for the
     *                unknown-key check
     */
    static PrincipalMappings read(
            SettingReader<ConfigException> read,
            List<String> groupIds,
            NamedLists lists,
            Map<String, List<String>> roleIds)
            throws ConfigException {
        Optional<Identity> globalIdentity = identity(read, Keys.PRINCIPAL_IDENTITY);
        Map<String, RoleRule> globalRoles = roles(read, "", key -> key, "every host", lists, roleIds);
        PrincipalMapping fallback = mapping(read, globalIdentity, globalRoles);
        Map<String, PrincipalMapping> byGroup = new LinkedHashMap<>();
        for (String id : groupIds) {
            Key own = Keys.PRINCIPAL_IDENTITY.inHost(id);
            Optional<Identity> identity = read.string(own).isPresent() ? identity(read, own) : globalIdentity;
            Map<String, RoleRule> roles = new LinkedHashMap<>(globalRoles);
            roles.putAll(roles(read, id, key -> key.inHost(id), "host group '" + id + "'", lists, roleIds));
            byGroup.put(id, mapping(read, identity, roles));
        }
        return new PrincipalMappings(byGroup, fallback);
    }

    private static PrincipalMapping mapping(
            SettingReader<ConfigException> read, Optional<Identity> identity, Map<String, RoleRule> roles)
            throws ConfigException {
        if (identity.isEmpty()) {
            if (!roles.isEmpty()) {
                RoleRule first = roles.values().iterator().next();
                throw new ConfigException(
                        first.property(),
                        "role '" + first.role() + "' is configured but principal"
                                + " mapping is off; set certgate.principal (or certgate.host.<id>.principal) to one of "
                                + Identity.choices());
            }
            return PrincipalMapping.OFF;
        }
        return new PrincipalMapping(identity.get(), new ArrayList<>(roles.values()));
    }

    private static Optional<Identity> identity(SettingReader<ConfigException> read, Key key) throws ConfigException {
        try {
            return Identity.parse(read.choice(key));
        } catch (IllegalArgumentException e) {
            throw read.invalid(key, e.getMessage());
        }
    }

    private static Map<String, RoleRule> roles(
            SettingReader<ConfigException> read,
            String scopeId,
            UnaryOperator<Key> scope,
            String scopeName,
            NamedLists lists,
            Map<String, List<String>> roleIds)
            throws ConfigException {
        Key listKey = scope.apply(Keys.ROLES_LIST);
        List<String> names = read.ids(listKey, "role name");
        roleIds.put(scopeId, List.copyOf(names));
        Map<String, RoleRule> roles = new LinkedHashMap<>();
        for (String role : names) {
            Key exprKey = scope.apply(Keys.ROLE_EXPRESSION).of(role);
            String property = read.propertyName(exprKey);
            String expression = read.string(exprKey)
                    .orElseThrow(() -> read.invalid(
                            exprKey,
                            "role '" + role + "' is listed in " + read.propertyName(listKey)
                                    + " but has no expression"));
            try {
                roles.put(role, new RoleRule(role, Expression.compile(expression, lists), property));
            } catch (RuleSyntaxException e) {
                throw new ConfigException(
                        property,
                        "role '" + role + "' (" + scopeName + ") is not a valid" + " expression:\n" + e.getMessage(),
                        e);
            }
        }
        return roles;
    }
}
