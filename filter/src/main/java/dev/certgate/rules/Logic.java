package dev.certgate.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The logical connectives over Bool nodes; and/or short-circuit, xor folds every operand. */
final class Logic {
    private Logic() {
    }

    enum Op {
        OR("or"), XOR("xor"), AND("and");

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

        Nary(Op op, Node[] operands) {
            this.op = op;
            this.operands = operands;
            this.work = new Node[operands.length];
            for (int i = 0; i < operands.length; i++) {
                work[i] = operands[i].evaluated();
            }
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

        Not(Node operand) {
            this.operand = operand;
            this.work = operand.evaluated();
        }

        @Override
        boolean test(FieldValues v) {
            return !work.test(v);
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
        void collectFields(Set<Field> out) {
        }
    }
}
