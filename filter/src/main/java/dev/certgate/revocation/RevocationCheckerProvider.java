package dev.certgate.revocation;

/**
 * Creates {@link RevocationChecker}s of one kind. Found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/dev.certgate.revocation.RevocationCheckerProvider})
 * and chosen by {@link #name()} in the {@code checkers} setting. Built in: {@code crl}, {@code ocsp}.
 */
public interface RevocationCheckerProvider {

    /** The name used in the {@code checkers} setting, e.g. "crl", "ocsp", or a user's own. */
    String name();

    /**
     * Reads this checker's settings and builds it. Called at start-up only.
     *
     * @throws RevocationConfigException when a setting is missing or invalid; the message names
     *     the property ({@link CheckerContext#propertyName(String)}) and the problem
     */
    RevocationChecker create(CheckerContext context) throws RevocationConfigException;
}
