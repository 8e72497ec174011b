package dev.certgate.internal.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A fixed set of properties: a properties file for the CLI, or tests. */
public final class MapSource implements PropertySource {
    private final Map<String, String> values;
    private final String description;

    public MapSource(Map<String, String> values, String description) {
        this.values = new TreeMap<>(values);
        this.description = description;
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public Set<String> names() {
        return values.keySet();
    }

    @Override
    public String description() {
        return description;
    }
}
