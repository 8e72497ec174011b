package dev.certgate.internal.policy;

/**
 * The host a request named, normalised (see {@link HostNames#normalizeRequestHost}), and the host
 * group it selects.
 */
public record HostMatch(String host, HostGroup group) {}
