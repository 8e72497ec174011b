package dev.certgate.boot;

import java.util.Optional;

/**
 * Internal to the starter. The Boot types that moved between Boot 3 and Boot 4, by name, so one starter jar serves both.
 * Everything else the starter uses has the same name in both.
 */
public final class BootTypes {
    /** Boot 4 first, then Boot 3. */
    static final String[] TOMCAT_CONNECTOR_CUSTOMIZER = {
        "org.springframework.boot.tomcat.TomcatConnectorCustomizer",
        "org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer"
    };

    static final String[] JETTY_SERVER_CUSTOMIZER = {
        "org.springframework.boot.jetty.JettyServerCustomizer",
        "org.springframework.boot.web.embedded.jetty.JettyServerCustomizer"
    };
    public static final String[] HEALTH_INDICATOR = {
        "org.springframework.boot.health.contributor.HealthIndicator",
        "org.springframework.boot.actuate.health.HealthIndicator"
    };

    private BootTypes() {}

    /** The first of the names that the class loader knows. */
    public static Optional<Class<?>> first(ClassLoader loader, String... names) {
        for (String name : names) {
            try {
                return Optional.of(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                // not this generation of Boot
            }
        }
        return Optional.empty();
    }
}
