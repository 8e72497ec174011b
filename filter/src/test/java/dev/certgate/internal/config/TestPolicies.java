package dev.certgate.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.policy.Policy;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.function.Executable;

/** Policies loaded from settings maps, and assertions on configuration errors (the exact property, the message). */
public final class TestPolicies {
    private TestPolicies() {}

    /** A mutable copy of base with further settings, given as key, value, key, value … */
    public static Map<String, String> settings(Map<String, String> base, String... keyValues) {
        Map<String, String> p = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    /** Loads the policy of these settings (source "test") on the system clock. */
    public static Policy load(Map<String, String> settings) throws ConfigException {
        return PolicyLoader.load(
                new MapSource(settings, "test"), TestPolicies.class.getClassLoader(), Clock.systemUTC(), Set.of());
    }

    /** Asserts that loading these settings fails; the error. */
    public static ConfigException failure(Map<String, String> settings) {
        return assertThrows(ConfigException.class, () -> load(settings).close());
    }

    /** Asserts that loading these settings fails with a message containing fragment. */
    public static ConfigException failsWith(Map<String, String> settings, String fragment) {
        ConfigException e = failure(settings);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        return e;
    }

    /** Asserts that loading these settings fails naming property, the message containing each fragment. */
    public static ConfigException failsAt(String property, Map<String, String> settings, String... fragments) {
        return assertFailsAt(property, () -> load(settings).close(), fragments);
    }

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
