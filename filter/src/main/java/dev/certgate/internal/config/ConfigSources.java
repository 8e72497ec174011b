package dev.certgate.internal.config;

import java.util.Map;
import java.util.Optional;

/**
 * Opens the configuration of a web application: MicroProfile Config when an implementation is
 * present, otherwise the built-in reader of the same places ({@link LayeredSource}), so the filter
 * also starts in a plain container whose application bundles no implementation.
 */
public final class ConfigSources {
    private static final String MP_API_CLASS = "org.eclipse.microprofile.config.ConfigProvider";

    private ConfigSources() {}

    public static PropertySource forWebApp(
            ClassLoader classLoader, Map<String, String> filterParams, Map<String, String> contextParams) {
        if (microProfileApiPresent(classLoader)) {
            Optional<PropertySource> mp = MicroProfileSource.open(classLoader, filterParams, contextParams);
            if (mp.isPresent()) {
                return mp.get();
            }
        }
        return LayeredSource.standard(classLoader, filterParams, contextParams);
    }

    private static boolean microProfileApiPresent(ClassLoader classLoader) {
        try {
            Class.forName(
                    MP_API_CLASS, false, classLoader != null ? classLoader : ConfigSources.class.getClassLoader());
            Class.forName(MP_API_CLASS, false, ConfigSources.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
