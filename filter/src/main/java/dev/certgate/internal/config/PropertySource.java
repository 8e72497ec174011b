package dev.certgate.internal.config;

import java.util.Optional;
import java.util.Set;

/** Where configuration values come from: MicroProfile Config, the built-in reader, or a file (CLI). */
public interface PropertySource {
    /** The value of an exact property name; empty when unset or blank. */
    Optional<String> get(String name);

    /** Every property name this source can list (environment variables in their own spelling). */
    Set<String> names();

    /** A short description for messages, e.g. "MicroProfile Config (SmallRye)". */
    String description();
}
