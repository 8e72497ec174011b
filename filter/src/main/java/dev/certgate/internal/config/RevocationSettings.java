package dev.certgate.internal.config;

import dev.certgate.internal.revocation.Settings;
import java.util.Optional;

/**
 * A host group's revocation settings: {@code certgate.host.<id>.revocation.<key>}, falling back to
 * the global {@code certgate.revocation.<key>}. {@link #propertyName} names the one that holds the value.
 */
record RevocationSettings(PropertySource source, String hostPrefix, String globalPrefix) implements Settings {

    @Override
    public Optional<String> get(String key) {
        return source.get(propertyName(key));
    }

    @Override
    public String propertyName(String key) {
        if (!hostPrefix.equals(globalPrefix) && present(hostPrefix + key)) {
            return hostPrefix + key;
        }
        return present(globalPrefix + key) ? globalPrefix + key : hostPrefix + key;
    }

    private boolean present(String name) {
        return source.get(name).filter(v -> !v.isBlank()).isPresent();
    }
}
