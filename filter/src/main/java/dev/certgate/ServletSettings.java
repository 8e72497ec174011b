package dev.certgate;

import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.config.PropertySource;
import dev.certgate.internal.settings.Keys;
import dev.certgate.internal.settings.SettingReader;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The two settings of the servlet layer: whether the jar registers the filter by itself, and for
 * which dispatcher types. Read by {@link CertGateInitializer} (to register) and by
 * {@link CertGateFilter#init()} (so a typo fails start-up whichever way the filter was declared).
 */
record ServletSettings(boolean autoRegister, Set<DispatcherType> dispatchers) {

    ServletSettings {
        dispatchers = Set.copyOf(dispatchers);
    }

    static ServletSettings read(PropertySource source) throws ConfigException {
        SettingReader<ConfigException> read = SettingReader.of(source::get, ConfigException::new);
        return new ServletSettings(read.bool(Keys.AUTO_REGISTER), dispatchers(read));
    }

    /** REQUEST by default: the client certificate belongs to the connection, the first dispatch decides. */
    private static Set<DispatcherType> dispatchers(SettingReader<ConfigException> read) throws ConfigException {
        EnumSet<DispatcherType> types = EnumSet.noneOf(DispatcherType.class);
        for (String name : read.list(Keys.DISPATCHERS)) {
            try {
                types.add(DispatcherType.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw read.invalid(
                        Keys.DISPATCHERS,
                        "unknown dispatcher type '" + name + "' (expected a comma-separated list of "
                                + EnumSet.allOf(DispatcherType.class) + ")");
            }
        }
        if (!types.contains(DispatcherType.REQUEST)) {
            // Without REQUEST the first dispatch of a request would pass unchecked.
            throw read.invalid(
                    Keys.DISPATCHERS,
                    "must include REQUEST, got '"
                            + read.string(Keys.DISPATCHERS).orElse("") + "'");
        }
        return types;
    }
}
