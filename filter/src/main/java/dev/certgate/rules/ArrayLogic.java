package dev.certgate.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Logical operators between Array<Bool> operands: element-wise, truncated to the shortest
 * operand; {@code any}/{@code all} reduce such an array to a Bool.
 */
final class ArrayLogic {
    private ArrayLogic() {
    }

    static final class Nary extends Value {
        private final Logic.Op op;
        private final Value[] operands;

        Nary(Logic.Op op, Value[] operands) {
            super(Type.BOOL_ARRAY, false);
            this.op = op;
            this.operands = operands;
        }

        @Override
        Object eval(FieldValues v) {
            List<?>[] arrays = new List<?>[operands.length];
            int n = Integer.MAX_VALUE;
            for (int i = 0; i < operands.length; i++) {
                arrays[i] = (List<?>) operands[i].eval(v);
                if (arrays[i] == null) {
                    return null;
                }
                n = Math.min(n, arrays[i].size());
            }
            List<Object> out = new ArrayList<>(n);
            for (int e = 0; e < n; e++) {
                boolean r = op == Logic.Op.AND;
                for (List<?> a : arrays) {
                    boolean b = a.get(e) == Boolean.TRUE;
                    switch (op) {
                        case AND: r &= b; break;
                        case OR: r |= b; break;
                        default: r ^= b;
                    }
                }
                out.add(r);
            }
            return out;
        }

        @Override
        void print(StringBuilder sb) {
            Logic.printJoined(sb, op, operands);
        }

        @Override
        void collectFields(Set<Field> out) {
            Logic.collectAll(operands, out);
        }

        @Override
        List<Value> children() {
            return Arrays.asList(operands);
        }
    }

    static final class Not extends Value {
        private final Value operand;

        Not(Value operand) {
            super(Type.BOOL_ARRAY, false);
            this.operand = operand;
        }

        @Override
        Object eval(FieldValues v) {
            List<?> a = (List<?>) operand.eval(v);
            if (a == null) {
                return null;
            }
            List<Object> out = new ArrayList<>(a.size());
            for (Object o : a) {
                out.add(o != Boolean.TRUE);
            }
            return out;
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
    }

    static final class Group extends Value {
        private final Value inner;

        Group(Value inner) {
            super(Type.BOOL_ARRAY, false);
            this.inner = inner;
        }

        @Override
        Object eval(FieldValues v) {
            return inner.eval(v);
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
    }

    /** {@code any(…)} / {@code all(…)}: a missing array gives false for both. */
    static final class Quantifier extends Node {
        private final boolean all;
        private final Value array;

        Quantifier(boolean all, Value array) {
            this.all = all;
            this.array = array;
        }

        @Override
        boolean test(FieldValues v) {
            if (array instanceof Call call && call.perElementBool()) {
                Boolean verdict = call.quantify(v, all);
                return verdict != null && verdict;
            }
            if (array instanceof Comparison.OnEach each) {
                return each.quantify(v, all);
            }
            List<?> a = (List<?>) array.eval(v);
            if (a == null) {
                return false;
            }
            for (Object o : a) {
                if ((o == Boolean.TRUE) != all) {
                    return !all;
                }
            }
            return all;
        }

        @Override
        void print(StringBuilder sb) {
            sb.append(all ? "all(" : "any(");
            array.print(sb);
            sb.append(')');
        }

        @Override
        void collectFields(Set<Field> out) {
            array.collectFields(out);
        }
    }
}
