package dev.certgate.cli;

import dev.certgate.internal.json.JsonReader;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.FieldMap;
import dev.certgate.internal.rules.IpAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field values for {@code eval}: given ones converted from JSON or text, defaults for the rest
 * (empty string, 0, false, empty array or map, and 0.0.0.0 for IP fields).
 */
final class EvalFieldValues extends FieldMap {

    /**
     * Sets a field from a JSON value; IllegalArgumentException names the field and the problem.
     * A name certgate does not know is ignored (recorded requests may carry more fields than an
     * expression can read; one that reads it is invalid anyway), and JSON null leaves the default.
     */
    void setJson(String name, Object json) {
        Field f = Field.byName(name);
        if (f == null || json == JsonReader.NULL || json == null) {
            return;
        }
        switch (f.type()) {
            case BOOL:
                put(f, require(json instanceof Boolean, name, "true or false", json));
                break;
            case INT:
                put(f, require(json instanceof Long, name, "an integer", json));
                break;
            case BYTES:
                put(f, require(json instanceof String, name, "a string", json));
                break;
            case IP:
                require(json instanceof String, name, "an IP address string", json);
                put(f, ip(name, (String) json));
                break;
            case BYTES_ARRAY:
                put(f, strings(name, json));
                break;
            case BYTES_ARRAY_ARRAY: {
                require(json instanceof List, name, "an array of string arrays", json);
                List<List<String>> arrays = new ArrayList<>();
                for (Object element : (List<?>) json) {
                    arrays.add(strings(name + "[" + arrays.size() + "]", element));
                }
                put(f, List.copyOf(arrays));
                break;
            }
            case BYTES_ARRAY_MAP_ARRAY: {
                require(json instanceof List, name, "an array of objects of string arrays", json);
                List<Map<String, List<String>>> maps = new ArrayList<>();
                for (Object element : (List<?>) json) {
                    maps.add(stringArrays(name + "[" + maps.size() + "]", element));
                }
                put(f, List.copyOf(maps));
                break;
            }
            case BYTES_ARRAY_MAP:
                put(f, stringArrays(name, json));
        }
    }

    private static Map<String, List<String>> stringArrays(String name, Object json) {
        require(json instanceof Map, name, "an object of string arrays", json);
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
            map.put((String) e.getKey(), strings(name + "[\"" + e.getKey() + "\"]", e.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }

    /** Sets a field from command-line text: arrays and maps as JSON, the rest as plain text. */
    void setText(String name, String text) {
        Field f = field(name);
        switch (f.type()) {
            case BOOL:
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("field " + name + " needs true or false, not '" + text + "'");
                }
                put(f, Boolean.valueOf(text));
                break;
            case INT:
                try {
                    put(f, Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("field " + name + " needs an integer, not '" + text + "'");
                }
                break;
            case BYTES:
                put(f, text);
                break;
            case IP:
                put(f, ip(name, text));
                break;
            default:
                setJson(name, JsonReader.parse(text));
        }
    }

    private static Field field(String name) {
        Field f = Field.byName(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown field " + name);
        }
        return f;
    }

    private static IpAddress ip(String name, String text) {
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field " + name + " needs an IP address, not '" + text + "'");
        }
    }

    private static <T> T require(boolean ok, String name, String what, T json) {
        if (!ok) {
            throw new IllegalArgumentException("field " + name + " needs " + what + ", not " + EvalJson.describe(json));
        }
        return json;
    }

    static List<String> strings(String name, Object json) {
        require(json instanceof List, name, "an array of strings", json);
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) json) {
            require(o instanceof String, name, "an array of strings", json);
            out.add((String) o);
        }
        return Collections.unmodifiableList(out);
    }
}
