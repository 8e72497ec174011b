package dev.certgate.boot;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.DispatcherType;

import org.springframework.core.Ordered;

import dev.certgate.CertGateFilter;
import dev.certgate.config.ConfigException;
import dev.certgate.config.PropertySource;

/**
 * The starter's own settings (besides every core {@code certgate.*} key), validated like the core's:
 * a bad value fails start-up naming the property.
 *
 * @param connector   whether the starter configures the embedded connector's client-certificate handshake
 * @param filterOrder the order of the {@code certgate} filter registration
 * @param dispatchers the dispatcher types certgate is mapped for
 */
record StarterSettings(boolean connector, int filterOrder, Set<DispatcherType> dispatchers) {
    static final String CONNECTOR = "certgate.boot.connector.enabled";
    static final String FILTER_ORDER = "certgate.boot.filter.order";
    /** Spring Security's property and default for its filter chain's order. */
    static final String SECURITY_ORDER = "spring.security.filter.order";
    static final int SECURITY_DEFAULT_ORDER = -100;
    /**
     * Right after Boot's own request-observation and character-encoding filters (so a blocked request
     * is still counted in {@code http.server.requests}), before everything else, in particular before
     * Spring Security's chain (-100) and anything that reads the body, opens a session or runs
     * application code.
     */
    static final int DEFAULT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** The starter's keys, which the core's unknown-key check must not report. */
    static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(CertGateFilter.servletKeys());
        keys.add(CONNECTOR);
        keys.add(FILTER_ORDER);
        return keys;
    }

    StarterSettings {
        dispatchers = Set.copyOf(dispatchers);
    }

    static StarterSettings read(PropertySource source, int securityOrder) throws ConfigException {
        boolean connector = bool(source, CONNECTOR, true);
        int order = DEFAULT_FILTER_ORDER;
        Optional<String> configured = source.get(FILTER_ORDER);
        if (configured.isPresent()) {
            try {
                order = Integer.parseInt(configured.get().strip());
            } catch (NumberFormatException e) {
                throw new ConfigException(FILTER_ORDER, "expected a whole number, got '" + configured.get() + "'");
            }
        }
        if (order >= securityOrder) {
            // Spring Security would then build an Authentication before certgate decided.
            throw new ConfigException(FILTER_ORDER, "certgate must run before Spring Security's filter chain ("
                    + SECURITY_ORDER + "=" + securityOrder + "), got " + order);
        }
        Set<DispatcherType> dispatchers = EnumSet.copyOf(CertGateFilter.dispatchers(source));
        return new StarterSettings(connector, order, dispatchers);
    }

    private static boolean bool(PropertySource source, String key, boolean fallback) throws ConfigException {
        Optional<String> v = source.get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String s = v.get().strip().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new ConfigException(key, "expected true or false, got '" + v.get() + "'");
        }
        return s.equals("true");
    }
}
