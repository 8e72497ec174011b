package dev.certgate.boot.metadata;

import dev.certgate.boot.StarterKeys;
import dev.certgate.internal.settings.Key;
import dev.certgate.internal.settings.Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes {@code META-INF/spring-configuration-metadata.json} from certgate's key catalogue
 * ({@link Keys}) and the starter's own keys ({@link StarterKeys}), so IDEs complete and document
 * every key; run by the build (exec-maven-plugin, process-test-classes) into target/classes. There
 * is no second list: a key added to the catalogue is in the metadata of the next build.
 *
 * <p>Keys with ids ({@code certgate.host.<id>.names}) are listed with their placeholders, which the
 * description explains. Lists are typed {@code List<String>} (a YAML list or a comma-separated
 * value both work), choices get value hints.
 */
public final class ConfigurationMetadata {
    private ConfigurationMetadata() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]).resolve("META-INF/spring-configuration-metadata.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json(), StandardCharsets.UTF_8);
    }

    static String json() {
        List<String> properties = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        List<Key> keys = new ArrayList<>(Keys.all());
        keys.addAll(StarterKeys.all());
        for (Key key : keys) {
            for (String name : key.patterns()) {
                properties.add(property(name, key));
                if (!key.choices().isEmpty() && key.type() != Key.Type.BOOLEAN) {
                    hints.add(hint(name, key.choices()));
                }
            }
        }
        return "{\n  \"groups\": [\n    {\"name\": \"certgate\", \"description\": "
                + quote("certgate: Cloudflare API Shield's mTLS rules for this application (docs/configuration.md)")
                + "}\n  ],\n  \"properties\": [\n" + String.join(",\n", properties) + "\n  ],\n  \"hints\": [\n"
                + String.join(",\n", hints) + "\n  ]\n}\n";
    }

    private static String property(String name, Key key) {
        StringBuilder sb = new StringBuilder("    {\"name\": ")
                .append(quote(name))
                .append(", \"type\": ")
                .append(quote(javaType(key.type())))
                .append(", \"description\": ")
                .append(quote(description(name, key)));
        Optional<String> dflt = key.defaultValue();
        if (dflt.isPresent()) {
            sb.append(", \"defaultValue\": ").append(defaultValue(key.type(), dflt.get()));
        }
        return sb.append('}').toString();
    }

    private static String description(String name, Key key) {
        String text = key.description();
        if (name.contains("<")) {
            text += " Replace the placeholders: <id> is a host group of certgate.hosts, <rule> a rule id of the"
                    + " rules list, <name> a list of certgate.lists, <role> a role of the roles list.";
        }
        if (key.defaultValue().isEmpty()
                && key.absent() != null
                && !key.absent().isBlank()) {
            text += " Unset: " + key.absent().replace("`", "") + ".";
        }
        return text;
    }

    private static String javaType(Key.Type type) {
        return switch (type) {
            case BOOLEAN -> "java.lang.Boolean";
            case INTEGER -> "java.lang.Integer";
            case LIST -> "java.util.List<java.lang.String>";
            case DURATION -> "java.time.Duration";
            case CHOICE, STRING, SIZE -> "java.lang.String";
        };
    }

    private static String defaultValue(Key.Type type, String value) {
        if (type == Key.Type.BOOLEAN || type == Key.Type.INTEGER) {
            return value;
        }
        if (type == Key.Type.LIST) {
            List<String> items = new ArrayList<>();
            for (String item : value.split(",")) {
                items.add(quote(item.strip()));
            }
            return "[" + String.join(", ", items) + "]";
        }
        return quote(value);
    }

    private static String hint(String name, List<String> choices) {
        List<String> values = new ArrayList<>();
        for (String c : choices) {
            values.add("{\"value\": " + quote(c) + "}");
        }
        return "    {\"name\": " + quote(name) + ", \"values\": [" + String.join(", ", values) + "]}";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
