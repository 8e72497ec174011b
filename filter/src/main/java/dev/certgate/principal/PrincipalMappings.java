package dev.certgate.principal;

import java.util.Map;

/** The principal mapping of every host group, and of hosts in no group. Immutable. */
public final class PrincipalMappings {
    /** Mapping off everywhere (the default). */
    public static final PrincipalMappings OFF = new PrincipalMappings(Map.of(), PrincipalMapping.OFF);

    private final Map<String, PrincipalMapping> byGroup;
    private final PrincipalMapping fallback;
    private final boolean anyEnabled;

    /**
     * @param byGroup  host-group id → mapping
     * @param fallback for hosts in no host group
     */
    public PrincipalMappings(Map<String, PrincipalMapping> byGroup, PrincipalMapping fallback) {
        this.byGroup = Map.copyOf(byGroup);
        this.fallback = fallback;
        this.anyEnabled = fallback.enabled() || this.byGroup.values().stream().anyMatch(PrincipalMapping::enabled);
    }

    /** The mapping of a host group (by id), or the fallback's for an id with none. */
    public PrincipalMapping forGroup(String groupId) {
        return byGroup.getOrDefault(groupId, fallback);
    }

    /** Whether any group maps principals (so the filter has anything to do after a pass). */
    public boolean anyEnabled() {
        return anyEnabled;
    }
}
