package dev.certgate.internal.rules;

/** A Bool field used bare, e.g. {@code cf.tls_client_auth.cert_verified}; prints and traces as the field. */
final class BoolFieldNode extends Node.StandIn {
    final Field field;

    BoolFieldNode(Field field) {
        super(new FieldRef(field));
        this.field = field;
    }

    @Override
    boolean test(FieldValues v) {
        return v.bool(field);
    }
}
