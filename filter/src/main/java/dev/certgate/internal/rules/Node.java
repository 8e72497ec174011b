package dev.certgate.internal.rules;

/**
 * A compiled Bool sub-expression: the evaluation fast path. Implementations read their fields
 * directly and allocate nothing when the values are plain text.
 */
abstract class Node extends Value {
    Node() {
        super(Type.BOOL, false);
    }

    abstract boolean test(FieldValues values);

    /**
     * The node that does the work: itself, or for parentheses what they enclose. Parents evaluate
     * through it so that parentheses, kept for the preview, cost no call at run time.
     */
    Node evaluated() {
        return this;
    }

    @Override
    final Object eval(FieldValues values) {
        return test(values) ? Boolean.TRUE : Boolean.FALSE;
    }

    /** A Bool value that is not a node yet (a function result, an array element). */
    static Node of(Value value) {
        return value instanceof Node ? (Node) value : new BoolValueNode(value);
    }

    /**
     * A node that evaluation runs in place of another (a fused or specialised form), and that
     * prints, collects fields and traces as the node it stands for.
     */
    abstract static class StandIn extends Node {
        private final Value shown;

        StandIn(Value shown) {
            this.shown = shown;
        }

        @Override
        final void print(StringBuilder sb) {
            shown.print(sb);
        }

        @Override
        final void collectFields(java.util.Set<Field> out) {
            shown.collectFields(out);
        }

        @Override
        final java.util.List<Value> children() {
            return shown.children();
        }
    }
}
