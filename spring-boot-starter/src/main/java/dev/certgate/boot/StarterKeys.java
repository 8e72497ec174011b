package dev.certgate.boot;

import dev.certgate.internal.settings.Key;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;

/**
 * The starter's own keys, as entries of the same kind as the core's catalogue
 * ({@code dev.certgate.internal.settings.Keys}): read with the same reader, and listed with the core's keys
 * in the generated {@code spring-configuration-metadata.json}.
 */
public final class StarterKeys {
    /**
     * Right after Boot's own request-observation and character-encoding filters (so a blocked request
     * is still counted in {@code http.server.requests}), before everything else, in particular before
     * Spring Security's chain (-100) and anything that reads the body, opens a session or runs
     * application code.
     */
    static final int DEFAULT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    public static final Key CONNECTOR = new Key(
            "certgate.boot.connector.enabled",
            Key.Section.GENERAL,
            Key.Type.BOOLEAN,
            List.of(),
            Optional.of("true"),
            null,
            "Spring Boot: with server.ssl set, make the embedded Tomcat or Jetty request (not require) client"
                    + " certificates and let every chain through to certgate (FilterDecidesTrustManager); false leaves"
                    + " the connector as Boot configured it.",
            false);
    public static final Key FILTER_ORDER = new Key(
            "certgate.boot.filter.order",
            Key.Section.GENERAL,
            Key.Type.INTEGER,
            List.of(),
            Optional.of(String.valueOf(DEFAULT_FILTER_ORDER)),
            null,
            "Spring Boot: the order of the certgate filter registration (default Ordered.HIGHEST_PRECEDENCE + 10);"
                    + " must be lower than spring.security.filter.order, so certgate decides before Spring Security.",
            false);

    private StarterKeys() {}

    public static List<Key> all() {
        return List.of(CONNECTOR, FILTER_ORDER);
    }
}
