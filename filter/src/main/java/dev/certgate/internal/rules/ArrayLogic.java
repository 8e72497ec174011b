package dev.certgate.internal.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Logical operators between Array<Bool> operands: element-wise, truncated to the shortest
 * operand; {@code any}/{@code all} reduce such an array to a Bool.
 */
final class ArrayLogic {
    private ArrayLogic() {}

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
                        case AND:
                            r &= b;
                            break;
                        case OR:
                            r |= b;
                            break;
                        default:
                            r ^= b;
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

    /** {@code not} of an Array<Bool> (element-wise), or parentheses around one. */
    static final class Unary extends Value {
        private final Value operand;
        private final boolean negate;

        Unary(Value operand, boolean negate) {
            super(Type.BOOL_ARRAY, false);
            this.operand = operand;
            this.negate = negate;
        }

        @Override
        Object eval(FieldValues v) {
            List<?> a = (List<?>) operand.eval(v);
            if (a == null || !negate) {
                return a;
            }
            List<Object> out = new ArrayList<>(a.size());
            for (Object o : a) {
                out.add(o != Boolean.TRUE);
            }
            return out;
        }

        @Override
        void print(StringBuilder sb) {
            Logic.Unary.print(sb, negate ? "not " : "(", operand, negate ? "" : ")");
        }

        @Override
        void collectFields(Set<Field> out) {
            operand.collectFields(out);
        }
    }

    /** {@code any(…)} / {@code all(…)}: a missing array gives false for both. */
    static final class Quantifier extends Node {
        private final boolean all;
        private final Value array;

        /** What evaluation calls: {@code any(x[*] eq "t")} on a field's array as one node. */
        private final Node fused;

        Quantifier(boolean all, Value array) {
            this.all = all;
            this.array = array;
            this.fused = AnyEquals.of(this);
        }

        @Override
        Node evaluated() {
            return fused;
        }

        boolean all() {
            return all;
        }

        Value array() {
            return array;
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

    /**
     * {@code any(<array field>[*] eq "t")} and {@code any(<map field>["key"][*] eq "t")} (SANs, a
     * header, a cookie) as evaluation runs them: the list read and searched here, without the
     * quantifier, comparison and access nodes. Prints and traces as the quantifier.
     */
    static final class AnyEquals extends Node.StandIn {
        private final Field field;
        /** The map key, or null for an array field. */
        private final String key;

        private final String text;

        Field field() {
            return field;
        }

        String key() {
            return key;
        }

        String text() {
            return text;
        }

        private AnyEquals(Quantifier shown, Field field, String key, String text) {
            super(shown);
            this.field = field;
            this.key = key;
            this.text = text;
        }

        static Node of(Quantifier q) {
            if (!q.all()
                    && q.array() instanceof Comparison.OnEach each
                    && each.matcher() instanceof BytesMatcher m
                    && m.equalsText() != null
                    && each.lhs() instanceof Access a
                    && a.kind() == Access.Kind.EACH) {
                if (a.base() instanceof FieldRef f && f.field.type() == FieldType.BYTES_ARRAY) {
                    return new AnyEquals(q, f.field, null, m.equalsText());
                }
                if (a.base() instanceof Access k
                        && k.kind() == Access.Kind.KEY
                        && k.base() instanceof FieldRef f
                        && f.field.type() == FieldType.BYTES_ARRAY_MAP) {
                    return new AnyEquals(q, f.field, k.key(), m.equalsText());
                }
            }
            return q;
        }

        /** The array field's list, or the map field's list under the key; null when missing. */
        static List<String> items(FieldValues v, Field field, String key) {
            if (key == null) {
                return v.array(field);
            }
            java.util.Map<String, List<String>> map = v.map(field);
            return map == null ? null : map.get(key);
        }

        @Override
        boolean test(FieldValues v) {
            List<String> items = items(v, field, key);
            if (items == null) {
                return false;
            }
            for (int i = 0, n = items.size(); i < n; i++) {
                if (text.equals(items.get(i))) {
                    return true;
                }
            }
            return false;
        }
    }
}
