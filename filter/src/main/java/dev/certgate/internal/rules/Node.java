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
}
