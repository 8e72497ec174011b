package dev.certgate.internal.rules;

import java.util.Set;

/** Reads one field of the request. */
final class FieldRef extends Value {
    final Field field;

    FieldRef(Field field) {
        super(Type.of(field.type()), false);
        this.field = field;
    }

    @Override
    Object eval(FieldValues v) {
        return FieldValues.read(v, field);
    }

    @Override
    void print(StringBuilder sb) {
        sb.append(field.fieldName());
    }

    @Override
    void collectFields(Set<Field> out) {
        out.add(field);
    }
}
