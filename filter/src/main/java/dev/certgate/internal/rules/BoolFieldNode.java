package dev.certgate.internal.rules;

import java.util.Set;

/** A Bool field used bare, e.g. {@code cf.tls_client_auth.cert_verified}. */
final class BoolFieldNode extends Node {
    final Field field;

    BoolFieldNode(Field field) {
        this.field = field;
    }

    @Override
    boolean test(FieldValues v) {
        return v.bool(field);
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
