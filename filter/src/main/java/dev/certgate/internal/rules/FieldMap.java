package dev.certgate.internal.rules;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Field values held in a map, for requests that are not servlet requests: the CLI's {@code eval},
 * tests and benchmarks. A field that was not set reads as its default: the empty string, 0,
 * {@code false}, an empty array or map, and 0.0.0.0 for an IP field.
 */
public class FieldMap implements FieldValues {
    private static final IpAddress DEFAULT_IP = IpAddress.parse("0.0.0.0");

    private final Map<Field, Object> values = new EnumMap<>(Field.class);

    /** Values by field name, e.g. {@code of("http.host", "api.example.com", "ip.src", "192.0.2.1")}. */
    public static FieldMap of(Object... nameValuePairs) {
        FieldMap map = new FieldMap();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            map.set((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return map;
    }

    /** Sets a field by name; an IP field also takes its text. */
    public FieldMap set(String name, Object value) {
        Field f = Field.byName(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown field " + name);
        }
        return put(f, f.type() == FieldType.IP && value instanceof String s ? IpAddress.parse(s) : value);
    }

    /**
     * Sets a field to a value of its type: Boolean, Long, String, {@link IpAddress}, a list of
     * strings or a map of string lists.
     */
    public FieldMap put(Field field, Object value) {
        Class<?> expected = switch (field.type()) {
            case BOOL -> Boolean.class;
            case INT -> Long.class;
            case BYTES -> String.class;
            case IP -> IpAddress.class;
            case BYTES_ARRAY -> List.class;
            case BYTES_ARRAY_MAP -> Map.class;
            case BYTES_ARRAY_ARRAY, BYTES_ARRAY_MAP_ARRAY -> List.class;
        };
        if (!expected.isInstance(value)) {
            throw new IllegalArgumentException(
                    "field " + field.fieldName() + " holds a " + expected.getSimpleName() + ", not " + value);
        }
        values.put(field, value);
        return this;
    }

    @Override
    public boolean bool(Field field) {
        return (Boolean) values.getOrDefault(field, Boolean.FALSE);
    }

    @Override
    public long integer(Field field) {
        return (Long) values.getOrDefault(field, 0L);
    }

    @Override
    public String bytes(Field field) {
        return (String) values.getOrDefault(field, "");
    }

    @Override
    public IpAddress ip(Field field) {
        return (IpAddress) values.getOrDefault(field, DEFAULT_IP);
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<String> array(Field field) {
        return (List<String>) values.getOrDefault(field, List.of());
    }

    @SuppressWarnings("unchecked")
    @Override
    public Map<String, List<String>> map(Field field) {
        return (Map<String, List<String>>) values.getOrDefault(field, Map.of());
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<List<String>> arrays(Field field) {
        return (List<List<String>>) values.getOrDefault(field, List.of());
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<Map<String, List<String>>> maps(Field field) {
        return (List<Map<String, List<String>>>) values.getOrDefault(field, List.of());
    }
}
