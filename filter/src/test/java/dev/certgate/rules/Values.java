package dev.certgate.rules;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Test request values: defaults for every field, overrides by name. */
class Values implements FieldValues {
    private final Map<Field, Object> values = new EnumMap<>(Field.class);

    static Values of(Object... nameValuePairs) {
        Values v = new Values();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            v.set((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return v;
    }

    Values set(String name, Object value) {
        Field f = Field.byName(name);
        if (f == null) {
            throw new IllegalArgumentException(name);
        }
        values.put(f, f.type() == FieldType.IP && value instanceof String ? IpAddress.parse((String) value) : value);
        return this;
    }

    @Override
    public boolean bool(Field field) {
        return (Boolean) values.getOrDefault(field, false);
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
        return (IpAddress) values.getOrDefault(field, IpAddress.parse("0.0.0.0"));
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
}
