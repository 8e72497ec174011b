package dev.certgate.internal.config;

import dev.certgate.internal.settings.Key;
import dev.certgate.internal.settings.Keys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code certgate.*} names a configuration may hold: every spelling of every catalogued key,
 * its placeholders filled with the ids the configuration declares ({@code certgate.hosts}, the
 * {@code rules} lists, {@code certgate.lists}). Keys of a revocation checker that the catalogue does
 * not know (a plug-in) are accepted below that checker's prefix when the checker is listed; a
 * revocation setting of a checker that is off where the setting applies is not known either.
 */
final class KnownKeys {
    private static final String PREFIX = "certgate.";

    private final Set<String> names = new HashSet<>();
    private final List<String> openPrefixes = new ArrayList<>();
    private final Map<String, List<String>> roleIds;
    private final List<String> hosts;
    private final Map<String, List<String>> checkers;

    /**
     * @param hosts     the host-group ids
     * @param ruleIds   the rule ids of each host group, and of the global rules under the key ""
     * @param lists     the named lists
     * @param checkers  the revocation checkers listed by each host group, and globally under ""
     * @param roleIds   the role ids of each host group, and of the global roles under the key ""
     * @param extra     further keys a caller reads itself
     */
    KnownKeys(
            List<String> hosts,
            Map<String, List<String>> ruleIds,
            Map<String, List<String>> roleIds,
            Collection<String> lists,
            Map<String, List<String>> checkers,
            Collection<String> extra) {
        this.roleIds = roleIds;
        this.hosts = hosts;
        this.checkers = checkers;
        names.addAll(extra);
        for (Key key : Keys.all()) {
            for (String pattern : key.patterns()) {
                expand(pattern, "", hosts, ruleIds, lists);
            }
        }
        for (Map.Entry<String, List<String>> e : checkers.entrySet()) {
            for (String checker : e.getValue()) {
                if (!catalogued(checker)) {
                    for (String host : e.getKey().isEmpty() ? hosts : List.of(e.getKey())) {
                        openPrefixes.add(Keys.hostRevocationPrefix(host) + checker + ".");
                    }
                    openPrefixes.add(Keys.REVOCATION_PREFIX + checker + ".");
                }
            }
        }
    }

    /** {@code certgate.*} names of present that are not known, sorted. */
    Set<String> unknown(Collection<String> present) {
        Set<String> unknown = new TreeSet<>();
        for (String name : present) {
            boolean known = names.contains(name) || openPrefixes.stream().anyMatch(name::startsWith);
            if (name.startsWith(PREFIX) && (!known || unusedRevocationSetting(name))) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private void expand(
            String pattern,
            String host,
            List<String> hosts,
            Map<String, List<String>> ruleIds,
            Collection<String> lists) {
        int start = pattern.indexOf('<');
        if (start < 0) {
            names.add(pattern);
            return;
        }
        int end = pattern.indexOf('>', start);
        String placeholder = pattern.substring(start, end + 1);
        Collection<String> ids = switch (placeholder) {
            case "<id>" -> hosts;
            case "<rule>" -> ruleIds.getOrDefault(host, List.of());
            case "<name>" -> lists;
            case "<role>" -> roleIds.getOrDefault(host, List.of());
            default -> throw new IllegalStateException("unknown placeholder " + placeholder + " in " + pattern);
        };
        for (String id : ids) {
            expand(
                    pattern.substring(0, start) + id + pattern.substring(end + 1),
                    placeholder.equals("<id>") ? id : host,
                    hosts,
                    ruleIds,
                    lists);
        }
    }

    /**
     * A revocation setting that no group reads, because revocation is off where it applies or its
     * checker is not listed there ({@code crl.sources} without {@code checkers=crl}): reported like a
     * typo rather than silently ignored.
     */
    private boolean unusedRevocationSetting(String name) {
        String rest = null;
        List<List<String>> scopes = new ArrayList<>();
        if (name.startsWith(Keys.REVOCATION_PREFIX)) {
            rest = name.substring(Keys.REVOCATION_PREFIX.length());
            scopes.add(checkers.getOrDefault("", List.of()));
            hosts.forEach(h -> scopes.add(effectiveCheckers(h)));
        } else {
            for (String h : hosts) {
                if (name.startsWith(Keys.hostRevocationPrefix(h))) {
                    rest = name.substring(Keys.hostRevocationPrefix(h).length());
                    scopes.add(effectiveCheckers(h));
                }
            }
        }
        if (rest == null || rest.equals(Keys.REVOCATION_CHECKERS.relativeTo(Keys.REVOCATION_PREFIX))) {
            return false;
        }
        int dot = rest.indexOf('.');
        for (List<String> on : scopes) {
            boolean enabled = !on.isEmpty() && !on.equals(List.of("none"));
            if (enabled && (dot < 0 || on.contains(rest.substring(0, dot)))) {
                return false;
            }
        }
        return true;
    }

    /** A host group's checkers: its own list, else the global one. */
    private List<String> effectiveCheckers(String host) {
        List<String> own = checkers.getOrDefault(host, List.of());
        return own.isEmpty() ? checkers.getOrDefault("", List.of()) : own;
    }

    /** True for a built-in checker, whose keys are all in the catalogue. */
    private static boolean catalogued(String checker) {
        String prefix = Keys.REVOCATION_PREFIX + checker + ".";
        return Keys.all().stream().anyMatch(k -> k.name().startsWith(prefix));
    }
}
