package dev.certgate.internal.rules;

/** A Bool field, or any Bool-valued value used as a condition; missing counts as false. */
final class BoolValueNode extends Node.StandIn {
    private final Value value;

    BoolValueNode(Value value) {
        super(value);
        this.value = value;
    }

    @Override
    boolean test(FieldValues v) {
        return value.eval(v) == Boolean.TRUE;
    }
}
