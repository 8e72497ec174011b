package dev.certgate.internal.revocation;

import java.util.Optional;

/**
 * The revocation settings of one host group, keys relative to its revocation prefix
 * ("checkers", "scope", "failure", "crl.sources", ...). Implemented by the configuration layer.
 */
public interface Settings {

    Optional<String> get(String key);

    /** The full property name of key, e.g. {@code certgate.host.api.revocation.failure}. */
    String propertyName(String key);
}
