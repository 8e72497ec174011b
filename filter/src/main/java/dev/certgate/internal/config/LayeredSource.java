package dev.certgate.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The built-in reader used when no MicroProfile Config implementation is present. It reads the
 * same places, in the same order, as MicroProfile Config would: system properties (400), environment
 * variables (300, with the spec's name mapping: {@code certgate.host.api.names} is also found as
 * {@code certgate_host_api_names} and {@code CERTGATE_HOST_API_NAMES}), every
 * {@code META-INF/microprofile-config.properties} (100, or its {@code config_ordinal}), then the
 * filter's init-params (50) and the context-params (40).
 */
public final class LayeredSource implements PropertySource {
    private final List<Layer> layers;

    private LayeredSource(List<Layer> layers) {
        this.layers = layers;
    }

    public static LayeredSource standard(
            ClassLoader classLoader, Map<String, String> filterParams, Map<String, String> contextParams) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer("system properties", 400, systemProperties(), false));
        layers.add(new Layer("environment", 300, System.getenv(), true));
        layers.addAll(microProfileFiles(classLoader));
        layers.add(new Layer("filter init-params", 50, filterParams, false));
        layers.add(new Layer("context-params", 40, contextParams, false));
        layers.sort(Comparator.comparingInt((Layer l) -> l.ordinal).reversed());
        return new LayeredSource(List.copyOf(layers));
    }

    @Override
    public Optional<String> get(String name) {
        for (Layer layer : layers) {
            String v = layer.get(name);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Layer layer : layers) {
            names.addAll(layer.values.keySet());
        }
        return names;
    }

    @Override
    public String description() {
        return "built-in reader (no MicroProfile Config implementation found)";
    }

    static String underscored(String property) {
        StringBuilder sb = new StringBuilder(property.length());
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            sb.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return sb.toString();
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> map = new HashMap<>();
        Properties props = System.getProperties();
        for (String name : props.stringPropertyNames()) {
            map.put(name, props.getProperty(name));
        }
        return map;
    }

    private static List<Layer> microProfileFiles(ClassLoader classLoader) {
        List<Layer> layers = new ArrayList<>();
        ClassLoader cl = classLoader != null ? classLoader : LayeredSource.class.getClassLoader();
        try {
            Enumeration<URL> urls = cl.getResources("META-INF/microprofile-config.properties");
            for (URL url : Collections.list(urls)) {
                Properties props = new Properties();
                try (InputStream in = url.openStream()) {
                    props.load(in);
                }
                Map<String, String> map = new HashMap<>();
                for (String name : props.stringPropertyNames()) {
                    map.put(name, props.getProperty(name));
                }
                int ordinal = 100;
                String configured = map.get("config_ordinal");
                if (configured != null) {
                    try {
                        ordinal = Integer.parseInt(configured.strip());
                    } catch (NumberFormatException e) {
                        // keep the default, as MicroProfile Config does
                    }
                }
                layers.add(new Layer(url.toString(), ordinal, map, false));
            }
        } catch (IOException e) {
            throw new IllegalStateException("META-INF/microprofile-config.properties cannot be read: " + e, e);
        }
        return layers;
    }

    private static final class Layer {
        final String name;
        final int ordinal;
        final Map<String, String> values;
        final boolean environment;

        Layer(String name, int ordinal, Map<String, String> values, boolean environment) {
            this.name = name;
            this.ordinal = ordinal;
            this.values = Map.copyOf(values);
            this.environment = environment;
        }

        String get(String property) {
            String v = values.get(property);
            if (v != null || !environment) {
                return v;
            }
            // MicroProfile Config's environment mapping: non-alphanumerics to '_', then upper case.
            String underscored = underscored(property);
            v = values.get(underscored);
            return v != null ? v : values.get(underscored.toUpperCase(java.util.Locale.ROOT));
        }

        @Override
        public String toString() {
            return name + " (" + ordinal + ")";
        }
    }
}
