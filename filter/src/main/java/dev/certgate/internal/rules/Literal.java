package dev.certgate.internal.rules;

import java.util.Set;

/** A constant function argument: a string, an integer or an IP address. */
final class Literal extends Value {
    final Object value;
    private final String text;

    Literal(Type type, Object value, String text) {
        super(type, false);
        this.value = value;
        this.text = text;
    }

    @Override
    Object eval(FieldValues v) {
        return value;
    }

    @Override
    boolean isLiteral() {
        return true;
    }

    @Override
    void print(StringBuilder sb) {
        sb.append(text);
    }

    @Override
    void collectFields(Set<Field> out) {}
}
