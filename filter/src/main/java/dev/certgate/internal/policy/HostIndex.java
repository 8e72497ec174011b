package dev.certgate.internal.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the host group of a normalised host name: exact name first, then the longest matching
 * wildcard suffix, then the default group. One hash lookup in the common case, whatever the
 * number of hosts.
 */
final class HostIndex {
    private final Map<String, HostGroup> exact;
    private final String[] wildcardSuffixes; // ".example.com", longest first
    private final HostGroup[] wildcardGroups;
    private final HostGroup fallback;

    HostIndex(List<HostGroup> groups, HostGroup fallback) {
        this.exact = new HashMap<>();
        List<Map.Entry<String, HostGroup>> wildcards = new ArrayList<>();
        for (HostGroup group : groups) {
            for (String name : group.names()) {
                if (HostNames.isWildcard(name)) {
                    wildcards.add(Map.entry(name.substring(1), group));
                } else {
                    exact.put(name, group);
                }
            }
        }
        wildcards.sort(Comparator.comparingInt(
                        (Map.Entry<String, HostGroup> e) -> e.getKey().length())
                .reversed());
        this.wildcardSuffixes = wildcards.stream().map(Map.Entry::getKey).toArray(String[]::new);
        this.wildcardGroups = wildcards.stream().map(Map.Entry::getValue).toArray(HostGroup[]::new);
        this.fallback = fallback;
    }

    HostGroup find(String normalizedHost) {
        HostGroup group = exact.get(normalizedHost);
        if (group != null) {
            return group;
        }
        for (int i = 0; i < wildcardSuffixes.length; i++) {
            String suffix = wildcardSuffixes[i];
            if (normalizedHost.length() > suffix.length() && normalizedHost.endsWith(suffix)) {
                return wildcardGroups[i];
            }
        }
        return fallback;
    }
}
