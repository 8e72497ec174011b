package dev.certgate.internal.config;

/** A configuration that must not be started: the message names the property and the problem. */
public final class ConfigException extends Exception {
    private final String property;

    public ConfigException(String property, String problem) {
        super(property + ": " + problem);
        this.property = property;
    }

    public ConfigException(String property, String problem, Throwable cause) {
        super(property + ": " + problem, cause);
        this.property = property;
    }

    private ConfigException(String property, String message, Throwable cause, boolean messageNamesProperty) {
        super(message, cause);
        this.property = property;
    }

    /** For a message that already starts with the property name (e.g. from a revocation checker). */
    public static ConfigException withMessage(String property, String message, Throwable cause) {
        String full = message != null && message.startsWith("certgate.") ? message : property + ": " + message;
        return new ConfigException(property, full, cause, true);
    }

    /** The property at fault. */
    public String property() {
        return property;
    }
}
