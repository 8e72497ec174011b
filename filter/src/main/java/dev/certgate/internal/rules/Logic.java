package dev.certgate.internal.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The logical connectives over Bool nodes; and/or short-circuit, xor folds every operand. */
final class Logic {
    private Logic() {}

    enum Op {
        OR("or"),
        XOR("xor"),
        AND("and");

        final String word;

        Op(String word) {
            this.word = word;
        }
    }

    /** Prints operands joined by the operator's word: shared by Bool and Array<Bool> connectives. */
    static void printJoined(StringBuilder sb, Op op, Value[] operands) {
        for (int i = 0; i < operands.length; i++) {
            if (i > 0) {
                sb.append(' ').append(op.word).append(' ');
            }
            operands[i].print(sb);
        }
    }

    static void collectAll(Value[] operands, Set<Field> out) {
        for (Value v : operands) {
            v.collectFields(out);
        }
    }

    static Node of(Op op, Node[] operands) {
        switch (op) {
            case AND:
                return operands.length == 2 ? new And2(operands[0], operands[1]) : new And(operands);
            case OR:
                return operands.length == 2 ? new Or2(operands[0], operands[1]) : new Or(operands);
            default:
                return new Xor(operands);
        }
    }

    abstract static class Nary extends Node {
        final Op op;
        final Node[] operands;
        /** The operands without their parentheses: what evaluation calls. */
        final Node[] work;

        /** What evaluation calls: and/or as one {@link Flat} node; xor as itself. */
        private final Node fused;

        Nary(Op op, Node[] operands) {
            this.op = op;
            this.operands = operands;
            this.work = new Node[operands.length];
            for (int i = 0; i < operands.length; i++) {
                work[i] = operands[i].evaluated();
            }
            this.fused = op == Op.XOR ? this : new Flat(this);
        }

        @Override
        Node evaluated() {
            return fused;
        }

        @Override
        void print(StringBuilder sb) {
            printJoined(sb, op, operands);
        }

        @Override
        void collectFields(Set<Field> out) {
            collectAll(operands, out);
        }

        @Override
        List<Value> children() {
            return Arrays.asList(operands);
        }
    }

    static final class And extends Nary {
        And(Node[] operands) {
            super(Op.AND, operands);
        }

        @Override
        boolean test(FieldValues v) {
            for (Node n : work) {
                if (!n.test(v)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Two operands in final fields: lets the JIT inline the common {@code a and not b}. */
    static final class And2 extends Nary {
        private final Node left;
        private final Node right;

        And2(Node left, Node right) {
            super(Op.AND, new Node[] {left, right});
            this.left = left.evaluated();
            this.right = right.evaluated();
        }

        @Override
        boolean test(FieldValues v) {
            return left.test(v) && right.test(v);
        }
    }

    static final class Or extends Nary {
        Or(Node[] operands) {
            super(Op.OR, operands);
        }

        @Override
        boolean test(FieldValues v) {
            for (Node n : work) {
                if (n.test(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Or2 extends Nary {
        private final Node left;
        private final Node right;

        Or2(Node left, Node right) {
            super(Op.OR, new Node[] {left, right});
            this.left = left.evaluated();
            this.right = right.evaluated();
        }

        @Override
        boolean test(FieldValues v) {
            return left.test(v) || right.test(v);
        }
    }

    static final class Xor extends Nary {
        Xor(Node[] operands) {
            super(Op.XOR, operands);
        }

        @Override
        boolean test(FieldValues v) {
            boolean result = false;
            for (Node n : work) {
                result ^= n.test(v);
            }
            return result;
        }
    }

    static final class Not extends Node {
        final Node operand;
        private final Node work;
        /** What evaluation calls: {@code not <bool field>} reads the field itself, one call less. */
        private final Node fused;

        Not(Node operand) {
            this.operand = operand;
            this.work = operand.evaluated();
            this.fused = work instanceof BoolFieldNode b ? new NotBoolField(b.field, this) : this;
        }

        @Override
        boolean test(FieldValues v) {
            return !work.test(v);
        }

        @Override
        Node evaluated() {
            return fused;
        }

        @Override
        void print(StringBuilder sb) {
            sb.append("not ");
            operand.print(sb);
        }

        @Override
        void collectFields(Set<Field> out) {
            operand.collectFields(out);
        }

        @Override
        List<Value> children() {
            return List.of(operand);
        }
    }

    /**
     * An {@code and} / {@code or} as evaluation runs it: the commonest operands (a field equal to a
     * literal, a Bool field or its negation) are tested right here, by kind, so that a rule like {@code http.host in {"x"} and not cert_verified}
     * costs one call rather than one per operand; other operands are called as nodes. The field
     * reads are calls on the one {@link FieldValues} class of the application, which the JIT
     * inlines. Prints and traces as the connective it stands for.
     */
    static final class Flat extends Node {
        static final byte NODE = 0;
        static final byte EQ = 1;
        static final byte BOOL = 2;
        static final byte NOT_BOOL = 3;

        final Nary source;
        final boolean and;
        private final Atom[] atoms;
        /** The first two atoms' parts in fields of their own: most and/or have two operands. */
        private final byte k0;

        private final Field f0;
        private final Object a0;
        private final byte k1;
        private final Field f1;
        private final Object a1;

        /** One operand: its kind, its field, and the literal text or the node to call. */
        record Atom(byte kind, Field field, Object arg) {}

        Flat(Nary source) {
            this.source = source;
            this.and = source.op == Op.AND;
            int n = source.work.length;
            atoms = new Atom[n];
            for (int i = 0; i < n; i++) {
                atoms[i] = atom(source.work[i]);
            }
            k0 = atoms[0].kind;
            f0 = atoms[0].field;
            a0 = atoms[0].arg;
            k1 = atoms[1].kind;
            f1 = atoms[1].field;
            a1 = atoms[1].arg;
        }

        private static Atom atom(Node w) {
            if (w instanceof Comparison.BytesFieldEquals eq) {
                return new Atom(EQ, eq.field, eq.text());
            }
            if (w instanceof BoolFieldNode b) {
                return new Atom(BOOL, b.field, null);
            }
            if (w instanceof NotBoolField nb) {
                return new Atom(NOT_BOOL, nb.field, null);
            }
            return new Atom(NODE, null, w);
        }

        @Override
        boolean test(FieldValues v) {
            boolean r = holds(k0, f0, a0, v);
            if (r != and) {
                return r;
            }
            r = holds(k1, f1, a1, v);
            if (r != and) {
                return r;
            }
            for (int i = 2; i < atoms.length; i++) {
                Atom a = atoms[i];
                r = holds(a.kind, a.field, a.arg, v);
                if (r != and) {
                    return r;
                }
            }
            return and;
        }

        /**
         * Kept small so that the JIT inlines it at each of its three call sites and then inlines
         * {@link #test} into its callers; any other operand is called as its node.
         */
        private static boolean holds(byte kind, Field field, Object arg, FieldValues v) {
            if (kind == BOOL) {
                return v.bool(field);
            }
            if (kind == NOT_BOOL) {
                return !v.bool(field);
            }
            if (kind == EQ) {
                return ((String) arg).equals(v.bytes(field));
            }
            return ((Node) arg).test(v);
        }

        @Override
        void print(StringBuilder sb) {
            source.print(sb);
        }

        @Override
        void collectFields(Set<Field> out) {
            source.collectFields(out);
        }

        @Override
        List<Value> children() {
            return source.children();
        }
    }

    /** {@code not <bool field>} as evaluation runs it; prints and traces as the Not it stands for. */
    static final class NotBoolField extends Node {
        final Field field;
        private final Not shown;

        NotBoolField(Field field, Not shown) {
            this.field = field;
            this.shown = shown;
        }

        @Override
        boolean test(FieldValues v) {
            return !v.bool(field);
        }

        @Override
        void print(StringBuilder sb) {
            shown.print(sb);
        }

        @Override
        void collectFields(Set<Field> out) {
            out.add(field);
        }

        @Override
        List<Value> children() {
            return shown.children();
        }
    }

    /** Parentheses are kept so that the preview prints what was written. */
    static final class Group extends Node {
        final Node inner;

        Group(Node inner) {
            this.inner = inner;
        }

        @Override
        boolean test(FieldValues v) {
            return inner.test(v);
        }

        @Override
        Node evaluated() {
            return inner.evaluated();
        }

        @Override
        void print(StringBuilder sb) {
            sb.append('(');
            inner.print(sb);
            sb.append(')');
        }

        @Override
        void collectFields(Set<Field> out) {
            inner.collectFields(out);
        }

        @Override
        List<Value> children() {
            return List.of(inner);
        }
    }

    /** The bare {@code true} / {@code false} expressions. */
    static final class Constant extends Node {
        final boolean value;

        Constant(boolean value) {
            this.value = value;
        }

        @Override
        boolean test(FieldValues v) {
            return value;
        }

        @Override
        void print(StringBuilder sb) {
            sb.append(value);
        }

        @Override
        void collectFields(Set<Field> out) {}
    }
}
