package dev.certgate.internal.rules;

import java.util.List;
import java.util.Map;

/**
 * The values of one request, read by compiled expressions. Implementations compute a field only
 * when it is first asked for. Every field is always present: an absent header or certificate
 * gives the empty string, {@code false}, 0, an empty list or an empty map. The engine calls
 * only the accessor that matches the field's {@link FieldType}.
 */
public interface FieldValues {
    boolean bool(Field field);

    long integer(Field field);

    /** A BYTES field as text; the engine compares its UTF-8 encoding byte by byte. */
    String bytes(Field field);

    IpAddress ip(Field field);

    List<String> array(Field field);

    /** Keys as stored (request header names are lower case). */
    Map<String, List<String>> map(Field field);

    /**
     * A BYTES_ARRAY_ARRAY field (only the request-body multipart fields are of this type, so a
     * source of certificate facts alone need not implement it).
     */
    default List<List<String>> arrays(Field field) {
        throw new UnsupportedOperationException(
                field.fieldName() + " has no value in " + getClass().getName());
    }

    /** A BYTES_ARRAY_MAP_ARRAY field (only the multipart parts' headers), like {@link #arrays}. */
    default List<Map<String, List<String>>> maps(Field field) {
        throw new UnsupportedOperationException(
                field.fieldName() + " has no value in " + getClass().getName());
    }

    /** The value of any field through the accessor of its type (the switch has no default, so a new type must be added here). */
    static Object read(FieldValues values, Field field) {
        return switch (field.type()) {
            case BOOL -> values.bool(field) ? Boolean.TRUE : Boolean.FALSE;
            case INT -> values.integer(field);
            case BYTES -> values.bytes(field);
            case IP -> values.ip(field);
            case BYTES_ARRAY -> values.array(field);
            case BYTES_ARRAY_MAP -> values.map(field);
            case BYTES_ARRAY_ARRAY -> values.arrays(field);
            case BYTES_ARRAY_MAP_ARRAY -> values.maps(field);
        };
    }
}
