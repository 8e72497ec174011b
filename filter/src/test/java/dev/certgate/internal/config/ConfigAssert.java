package dev.certgate.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Assertions on configuration errors: the exact property blamed, and what the message says. */
public final class ConfigAssert {
    private ConfigAssert() {}

    /** Asserts that load fails with a ConfigException naming property, its message containing each fragment. */
    public static ConfigException assertFailsAt(String property, Executable load, String... fragments) {
        ConfigException e = assertThrows(ConfigException.class, load);
        assertEquals(property, e.property(), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
        }
        return e;
    }
}
