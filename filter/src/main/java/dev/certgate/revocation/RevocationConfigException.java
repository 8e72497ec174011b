package dev.certgate.revocation;

/** A revocation setting is missing or invalid. The message names the property and the problem. */
public final class RevocationConfigException extends Exception {

    public RevocationConfigException(String message) {
        super(message);
    }

    public RevocationConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "{@code <property>: <problem>}", the usual shape of these messages. */
    public static RevocationConfigException of(String propertyName, String problem) {
        return new RevocationConfigException(propertyName + ": " + problem);
    }
}
