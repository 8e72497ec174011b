package dev.certgate.config;

import java.util.Optional;

import dev.certgate.revocation.Settings;

/**
 * A host group's revocation settings: {@code certgate.host.<id>.revocation.<key>}, falling back to
 * the global {@code certgate.revocation.<key>}.
 */
final class RevocationSettings implements Settings {
    private final PropertySource source;
    private final String hostPrefix;
    private final String globalPrefix;
    private volatile String lastProperty;

    RevocationSettings(PropertySource source, String hostPrefix, String globalPrefix) {
        this.source = source;
        this.hostPrefix = hostPrefix;
        this.globalPrefix = globalPrefix;
        this.lastProperty = hostPrefix + "checkers";
    }

    @Override
    public Optional<String> get(String key) {
        Optional<String> v = hostPrefix.equals(globalPrefix) ? Optional.empty() : source.get(hostPrefix + key);
        if (v.isPresent()) {
            lastProperty = hostPrefix + key;
            return v;
        }
        v = source.get(globalPrefix + key);
        lastProperty = v.isPresent() ? globalPrefix + key : hostPrefix + key;
        return v;
    }

    @Override
    public String propertyName(String key) {
        if (!hostPrefix.equals(globalPrefix) && source.get(hostPrefix + key).isPresent()) {
            return hostPrefix + key;
        }
        return source.get(globalPrefix + key).isPresent() ? globalPrefix + key : hostPrefix + key;
    }

    /** The property read last: where a checker's complaint most likely comes from. */
    String lastProperty() {
        return lastProperty;
    }
}
