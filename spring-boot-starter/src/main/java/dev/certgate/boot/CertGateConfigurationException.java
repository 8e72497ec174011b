package dev.certgate.boot;

import dev.certgate.config.ConfigException;

/** An invalid certgate configuration: fails the application context, naming the property and the problem. */
public final class CertGateConfigurationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final String property;

    CertGateConfigurationException(ConfigException cause) {
        super("certgate: invalid configuration, the application must not start: " + cause.getMessage(), cause);
        this.property = cause.property();
    }

    /** The property at fault. */
    public String property() {
        return property;
    }
}
