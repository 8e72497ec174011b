package dev.certgate.internal.rules;

import java.util.List;
import java.util.Set;

/** A Bool field, or any Bool-valued value used as a condition; missing counts as false. */
final class BoolValueNode extends Node {
    private final Value value;

    BoolValueNode(Value value) {
        this.value = value;
    }

    @Override
    boolean test(FieldValues v) {
        return value.eval(v) == Boolean.TRUE;
    }

    @Override
    void print(StringBuilder sb) {
        value.print(sb);
    }

    @Override
    void collectFields(Set<Field> out) {
        value.collectFields(out);
    }

    @Override
    List<Value> children() {
        return value.children();
    }
}
