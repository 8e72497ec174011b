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
        switch (field.type()) {
            case BOOL:
                return v.bool(field) ? Boolean.TRUE : Boolean.FALSE;
            case INT:
                return v.integer(field);
            case BYTES:
                return v.bytes(field);
            case IP:
                return v.ip(field);
            case BYTES_ARRAY:
                return v.array(field);
            case BYTES_ARRAY_ARRAY:
                return v.arrays(field);
            default:
                return v.map(field);
        }
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
