package dev.certgate.revocation;

import java.util.Optional;

/** A revocation setting is missing or invalid. The message names the property and the problem. */
public final class RevocationConfigException extends Exception {
    private final String property;

    public RevocationConfigException(String message) {
        super(message);
        this.property = null;
    }

    public RevocationConfigException(String message, Throwable cause) {
        super(message, cause);
        this.property = null;
    }

    private RevocationConfigException(String property, String problem, boolean named) {
        super(property + ": " + problem);
        this.property = property;
    }

    /** "{@code <property>: <problem>}", the usual shape of these messages; {@link #property()} is then known. */
    public static RevocationConfigException of(String propertyName, String problem) {
        return new RevocationConfigException(propertyName, problem, true);
    }

    /** The full name of the property at fault, when the exception was made by {@link #of}. */
    public Optional<String> property() {
        return Optional.ofNullable(property);
    }
}
