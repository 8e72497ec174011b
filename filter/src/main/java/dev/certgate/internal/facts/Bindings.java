package dev.certgate.internal.facts;

import dev.certgate.internal.rules.Field;
import java.util.function.Function;

/**
 * The values of one {@link Field.Source}'s fields, one computation per field. Built once; building
 * fails (and with it the class that holds the table) when a field of the source has no binding,
 * so a field added to the scheme without a value cannot go unnoticed.
 *
 * @param <T> what the values are computed from
 */
final class Bindings<T> {
    /** How one field's value is computed; the value's class follows the field's type (see {@link #valueClass}). */
    interface Binding<T> {
        Object of(T from);
    }

    private final Field.Source source;
    private final Binding<T>[] byOrdinal;

    @SuppressWarnings("unchecked")
    private Bindings(Field.Source source) {
        this.source = source;
        this.byOrdinal = new Binding[Field.values().length];
    }

    static <T> Bindings<T> of(Field.Source source) {
        return new Bindings<>(source);
    }

    Bindings<T> bind(Field field, Binding<T> binding) {
        if (field.source() != source) {
            throw new IllegalStateException(field.fieldName() + " is a " + field.source() + " field, not " + source);
        }
        if (byOrdinal[field.ordinal()] != null) {
            throw new IllegalStateException(field.fieldName() + " is bound twice");
        }
        byOrdinal[field.ordinal()] = binding;
        return this;
    }

    /**
     * The three fields of one list of name/value pairs (a map of names to values, the names, the
     * values), as Cloudflare has for {@code uri.args} and {@code body.form}.
     */
    Bindings<T> bindPairs(Field map, Field names, Field values, Function<T, RequestParts.Pairs> pairs) {
        return bind(map, from -> pairs.apply(from).asMap())
                .bind(names, from -> pairs.apply(from).names())
                .bind(values, from -> pairs.apply(from).values());
    }

    /** Checks that every field of the source is bound. */
    Bindings<T> complete() {
        for (Field f : Field.of(source)) {
            if (byOrdinal[f.ordinal()] == null) {
                throw new IllegalStateException(source + " field " + f.fieldName() + " has no binding");
            }
        }
        return this;
    }

    Object value(Field field, T from) {
        return byOrdinal[field.ordinal()].of(from);
    }

    /** The value of a field that has nothing to read (no certificate, no header): empty, false or 0. */
    static Object absent(dev.certgate.internal.rules.FieldType type) {
        return switch (type) {
            case BOOL -> Boolean.FALSE;
            case INT -> 0L;
            case BYTES -> "";
            case IP -> null;
            case BYTES_ARRAY -> java.util.List.of();
            case BYTES_ARRAY_MAP -> java.util.Map.of();
            case BYTES_ARRAY_ARRAY, BYTES_ARRAY_MAP_ARRAY -> java.util.List.of();
        };
    }

    /** The Java class of a value of this type, as every accessor of {@code FieldValues} expects it. */
    static Class<?> valueClass(dev.certgate.internal.rules.FieldType type) {
        return switch (type) {
            case BOOL -> Boolean.class;
            case INT -> Long.class;
            case BYTES -> String.class;
            case IP -> dev.certgate.internal.rules.IpAddress.class;
            case BYTES_ARRAY -> java.util.List.class;
            case BYTES_ARRAY_MAP -> java.util.Map.class;
            case BYTES_ARRAY_ARRAY, BYTES_ARRAY_MAP_ARRAY -> java.util.List.class;
        };
    }
}
