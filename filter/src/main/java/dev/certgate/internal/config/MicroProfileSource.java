package dev.certgate.internal.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's MicroProfile Config (the server's own in a MicroProfile server, or the
 * implementation the application bundles), with the filter's init-params and the context-params
 * below it, at the ordinals 50 and 40 (lower than {@code microprofile-config.properties}, so they
 * act as packaged defaults that system properties and environment variables override).
 * Loaded only after {@link ConfigSources} has checked that the API is present.
 */
final class MicroProfileSource implements PropertySource {
    private final Config config;
    private final Map<String, String> filterParams;
    private final Map<String, String> contextParams;

    private MicroProfileSource(Config config, Map<String, String> filterParams, Map<String, String> contextParams) {
        this.config = config;
        this.filterParams = Map.copyOf(filterParams);
        this.contextParams = Map.copyOf(contextParams);
    }

    /** Empty when the API is there but no implementation is. */
    static Optional<PropertySource> open(
            ClassLoader classLoader, Map<String, String> filterParams, Map<String, String> contextParams) {
        try {
            Config config = ConfigProvider.getConfig(classLoader);
            return Optional.of(new MicroProfileSource(config, filterParams, contextParams));
        } catch (IllegalStateException | java.util.ServiceConfigurationError e) {
            return Optional.empty(); // "No ConfigProviderResolver implementation found!"
        }
    }

    @Override
    public Optional<String> get(String name) {
        Optional<String> value = config.getOptionalValue(name, String.class);
        if (value.isPresent()) {
            return value;
        }
        String v = filterParams.get(name);
        return Optional.ofNullable(v != null ? v : contextParams.get(name));
    }

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        config.getPropertyNames().forEach(names::add);
        names.addAll(filterParams.keySet());
        names.addAll(contextParams.keySet());
        return names;
    }

    @Override
    public String description() {
        return "MicroProfile Config (" + config.getClass().getName() + ")";
    }
}
