package dev.certgate.boot.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.boot.StarterKeys;
import dev.certgate.internal.json.JsonReader;
import dev.certgate.internal.settings.Key;
import dev.certgate.internal.settings.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata the build wrote into the jar's classes: every key of the catalogue and of the starter, typed. */
class ConfigurationMetadataTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> properties() throws Exception {
        Path file = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
        assertTrue(Files.isRegularFile(file), "the build generates " + file);
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(Files.readString(file));
        Map<String, Map<String, Object>> byName = new HashMap<>();
        for (Object p : (List<Object>) json.get("properties")) {
            Map<String, Object> property = (Map<String, Object>) p;
            byName.put((String) property.get("name"), property);
        }
        return byName;
    }

    @Test
    void everyCataloguedKeyIsDescribed() throws Exception {
        Map<String, Map<String, Object>> properties = properties();
        List<Key> keys = new ArrayList<>(Keys.all());
        keys.addAll(StarterKeys.all());
        for (Key key : keys) {
            for (String name : key.patterns()) {
                Map<String, Object> p = properties.get(name);
                assertTrue(p != null, name + " is missing from spring-configuration-metadata.json");
                assertTrue(((String) p.get("description")).startsWith(key.description()), name);
            }
        }
        assertEquals(
                properties.size(),
                keys.stream().mapToInt(k -> k.patterns().size()).sum(),
                "no other entries");
    }

    @Test
    void typesAndDefaultsAreSpringsSpelling() throws Exception {
        Map<String, Map<String, Object>> properties = properties();
        assertEquals("java.lang.Boolean", properties.get("certgate.enabled").get("type"));
        assertEquals(Boolean.TRUE, properties.get("certgate.enabled").get("defaultValue"));
        assertEquals(
                "java.util.List<java.lang.String>",
                properties.get("certgate.host.<id>.names").get("type"));
        assertEquals("java.lang.String", properties.get("certgate.principal").get("type"));
        assertEquals("none", properties.get("certgate.principal").get("defaultValue"));
        assertTrue(properties.containsKey("certgate.host.<id>.role.<role>.expression"));
        assertTrue(properties.containsKey(StarterKeys.CONNECTOR.name()));
    }
}
