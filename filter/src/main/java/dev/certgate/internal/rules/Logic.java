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
        return new Nary(op, operands);
    }

    /**
     * The connective as written (printed, traced); evaluation runs its {@link Flat} form for
     * and/or, so this node's own {@link #test} serves traces and xor.
     */
    static final class Nary extends Node {
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
        boolean test(FieldValues v) {
            if (op == Op.XOR) {
                boolean result = false;
                for (Node n : work) {
                    result ^= n.test(v);
                }
                return result;
            }
            boolean and = op == Op.AND;
            for (Node n : work) {
                if (n.test(v) != and) {
                    return !and;
                }
            }
            return and;
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

    /** A connective of one operand, printed between a prefix and a suffix: {@code not x}, {@code (x)}. */
    abstract static class Unary extends Node {
        final Node operand;
        private final String prefix;
        private final String suffix;

        Unary(String prefix, Node operand, String suffix) {
            this.prefix = prefix;
            this.operand = operand;
            this.suffix = suffix;
        }

        @Override
        final void print(StringBuilder sb) {
            print(sb, prefix, operand, suffix);
        }

        static void print(StringBuilder sb, String prefix, Value operand, String suffix) {
            sb.append(prefix);
            operand.print(sb);
            sb.append(suffix);
        }

        @Override
        final void collectFields(Set<Field> out) {
            operand.collectFields(out);
        }

        @Override
        final List<Value> children() {
            return List.of(operand);
        }
    }

    static final class Not extends Unary {
        private final Node work;
        /** What evaluation calls: {@code not <bool field>} reads the field itself, one call less. */
        private final Node fused;

        Not(Node operand) {
            super("not ", operand, "");
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
    }

    /**
     * An {@code and} / {@code or} as evaluation runs it: the commonest operands (a field equal to a
     * literal, a Bool field or its negation) are tested right here, by kind, so that a rule like {@code http.host in {"x"} and not cert_verified}
     * costs one call rather than one per operand; other operands are called as nodes. The field
     * reads are calls on the one {@link FieldValues} class of the application, which the JIT
     * inlines. Prints and traces as the connective it stands for.
     */
    static final class Flat extends Node.StandIn {
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
            super(source);
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
    }

    /** {@code not <bool field>} as evaluation runs it; prints and traces as the Not it stands for. */
    static final class NotBoolField extends Node.StandIn {
        final Field field;

        NotBoolField(Field field, Not shown) {
            super(shown);
            this.field = field;
        }

        @Override
        boolean test(FieldValues v) {
            return !v.bool(field);
        }
    }

    /** Parentheses are kept so that the preview prints what was written. */
    static final class Group extends Unary {
        Group(Node inner) {
            super("(", inner, ")");
        }

        @Override
        boolean test(FieldValues v) {
            return operand.test(v);
        }

        @Override
        Node evaluated() {
            return operand.evaluated();
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
