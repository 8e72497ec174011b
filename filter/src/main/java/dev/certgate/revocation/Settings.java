package dev.certgate.revocation;

import java.util.Optional;

/** Temporary stand-in until the revocation branch lands. */
public interface Settings {
    Optional<String> get(String key);

    String propertyName(String key);
}
