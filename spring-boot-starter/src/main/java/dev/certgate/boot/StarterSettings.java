package dev.certgate.boot;

import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.config.PropertySource;
import dev.certgate.internal.hosting.Hosting;
import dev.certgate.internal.settings.Key;
import dev.certgate.internal.settings.SettingReader;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The starter's own settings ({@link StarterKeys}) and the dispatchers, validated like the core's:
 * a bad value fails start-up naming the property.
 *
 * @param connector   whether the starter configures the embedded connector's client-certificate handshake
 * @param filterOrder the order of the {@code certgate} filter registration
 * @param dispatchers the dispatcher types certgate is mapped for
 */
record StarterSettings(boolean connector, int filterOrder, Set<DispatcherType> dispatchers) {
    static final String CONNECTOR = "certgate.boot.connector.enabled";
    /** Spring Security's property and default for its filter chain's order. */
    static final String SECURITY_ORDER = "spring.security.filter.order";

    static final int SECURITY_DEFAULT_ORDER = -100;

    /** The starter's keys, which the core's unknown-key check must not report. */
    static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Key key : StarterKeys.all()) {
            keys.add(key.name());
        }
        return keys;
    }

    StarterSettings {
        dispatchers = Set.copyOf(dispatchers);
    }

    static StarterSettings read(PropertySource source, int securityOrder) throws ConfigException {
        SettingReader<ConfigException> read = SettingReader.of(source::get, ConfigException::new);
        boolean connector = read.bool(StarterKeys.CONNECTOR);
        String order = read.stringOrDefault(StarterKeys.FILTER_ORDER).orElseThrow();
        int filterOrder = read.wholeNumber(StarterKeys.FILTER_ORDER, order);
        if (filterOrder >= securityOrder) {
            // Spring Security would then build an Authentication before certgate decided.
            throw read.invalid(
                    StarterKeys.FILTER_ORDER,
                    "certgate must run before Spring Security's filter chain (" + SECURITY_ORDER + "=" + securityOrder
                            + "), got " + filterOrder);
        }
        Set<DispatcherType> dispatchers = EnumSet.copyOf(Hosting.dispatchers(source));
        return new StarterSettings(connector, filterOrder, dispatchers);
    }
}
