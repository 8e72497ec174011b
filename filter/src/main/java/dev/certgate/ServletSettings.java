package dev.certgate;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.DispatcherType;

import dev.certgate.config.ConfigException;
import dev.certgate.config.PropertySource;

/**
 * The two settings of the servlet layer: whether the jar registers the filter by itself, and for
 * which dispatcher types. Read by {@link CertGateInitializer} (to register) and by
 * {@link CertGateFilter#init()} (so a typo fails start-up whichever way the filter was declared).
 */
record ServletSettings(boolean autoRegister, Set<DispatcherType> dispatchers) {
    static final String AUTO_REGISTER = "certgate.auto-register";
    static final String DISPATCHERS = "certgate.dispatchers";
    static final Set<String> KEYS = Set.of(AUTO_REGISTER, DISPATCHERS);

    ServletSettings {
        dispatchers = Set.copyOf(dispatchers);
    }

    static ServletSettings read(PropertySource source) throws ConfigException {
        return new ServletSettings(autoRegister(source.get(AUTO_REGISTER)), dispatchers(source.get(DISPATCHERS)));
    }

    private static boolean autoRegister(Optional<String> value) throws ConfigException {
        if (value.isEmpty()) {
            return true;
        }
        String v = value.get().strip().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(AUTO_REGISTER, "expected true or false, got '" + value.get() + "'");
        }
        return v.equals("true");
    }

    /** REQUEST by default: the client certificate belongs to the connection, the first dispatch decides. */
    private static Set<DispatcherType> dispatchers(Optional<String> value) throws ConfigException {
        if (value.isEmpty()) {
            return EnumSet.of(DispatcherType.REQUEST);
        }
        EnumSet<DispatcherType> types = EnumSet.noneOf(DispatcherType.class);
        for (String part : value.get().split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                types.add(DispatcherType.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(DISPATCHERS, "unknown dispatcher type '" + part.strip()
                        + "' (expected a comma-separated list of " + EnumSet.allOf(DispatcherType.class) + ")");
            }
        }
        if (!types.contains(DispatcherType.REQUEST)) {
            // Without REQUEST the first dispatch of a request would pass unchecked.
            throw new ConfigException(DISPATCHERS, "must include REQUEST, got '" + value.get() + "'");
        }
        return types;
    }
}
