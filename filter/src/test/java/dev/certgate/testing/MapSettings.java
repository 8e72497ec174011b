package dev.certgate.testing;

import dev.certgate.internal.revocation.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Settings from a map, named as if under certgate.host.test.revocation. */
public final class MapSettings implements Settings {

    private final Map<String, String> values = new HashMap<>();

    public static MapSettings of(String... keyValues) {
        MapSettings s = new MapSettings();
        for (int i = 0; i < keyValues.length; i += 2) {
            s.values.put(keyValues[i], keyValues[i + 1]);
        }
        return s;
    }

    public MapSettings with(String key, String value) {
        values.put(key, value);
        return this;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public String propertyName(String key) {
        return "certgate.host.test.revocation." + key;
    }
}
