package dev.certgate.internal.rules;

import java.util.List;
import java.util.Set;

/**
 * A compiled sub-expression that yields a value: Bool (see {@link Node}), Int ({@code Long}),
 * Bytes (a request {@code String} or a computed {@code byte[]}), IP ({@link IpAddress}),
 * Array ({@code List}) or Map ({@code Map<String, ?>}). {@code null} is the missing value.
 *
 * <p>A value marked {@code each} comes from {@code [*]}: it evaluates to the {@code List} of its
 * per-element values and {@link #type} is the type of one element.
 */
abstract class Value {
    final Type type;
    final boolean each;

    Value(Type type, boolean each) {
        this.type = type;
        this.each = each;
    }

    abstract Object eval(FieldValues values);

    abstract void print(StringBuilder sb);

    abstract void collectFields(Set<Field> out);

    /** Literal constants may be restricted in some function arguments. */
    boolean isLiteral() {
        return false;
    }

    /** Sub-expressions shown by a trace. */
    List<Value> children() {
        return List.of();
    }

    @Override
    public final String toString() {
        StringBuilder sb = new StringBuilder();
        print(sb);
        return sb.toString();
    }
}
