package dev.certgate.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code lhs <op> rhs}; a missing left-hand value makes every comparison false, even {@code ne}. */
final class Comparison {
    private Comparison() {}

    /** The specialised node for this left-hand side. */
    static Node of(Value lhs, Matcher matcher) {
        if (lhs instanceof FieldRef && matcher instanceof BytesMatcher) {
            return new OnBytesField(((FieldRef) lhs).field, (BytesMatcher) matcher);
        }
        if (lhs instanceof FieldRef && matcher instanceof IpMatcher) {
            return new OnIpField(((FieldRef) lhs).field, (IpMatcher) matcher);
        }
        return new OnValue(lhs, matcher);
    }

    /** A comparison whose left side is a plain field: printing and field collection are shared. */
    abstract static class OnField extends Node {
        final Field field;
        private final Matcher printed;

        OnField(Field field, Matcher matcher) {
            this.field = field;
            this.printed = matcher;
        }

        @Override
        final void print(StringBuilder sb) {
            sb.append(field.fieldName());
            printed.print(sb);
        }

        @Override
        final void collectFields(Set<Field> out) {
            out.add(field);
        }
    }

    /** The fast path: a Bytes field compared as a String. */
    static final class OnBytesField extends OnField {
        final BytesMatcher matcher;
        /** Equality with one literal, done here without the matcher's call; else this node. */
        private final Node fused;

        OnBytesField(Field field, BytesMatcher matcher) {
            super(field, matcher);
            this.matcher = matcher;
            String text = matcher.equalsText();
            this.fused = text == null ? this : new BytesFieldEquals(this, text);
        }

        @Override
        boolean test(FieldValues v) {
            String s = v.bytes(field);
            return s != null && matcher.matchString(s);
        }

        @Override
        Node evaluated() {
            return fused;
        }
    }

    /** {@code field eq "text"} or {@code field in {"text"}} as evaluation runs it. */
    static final class BytesFieldEquals extends OnField {
        private final String text;
        /** The comparison it stands for. */
        final OnBytesField source;

        BytesFieldEquals(OnBytesField source, String text) {
            super(source.field, source.matcher);
            this.source = source;
            this.text = text;
        }

        @Override
        boolean test(FieldValues v) {
            return text.equals(v.bytes(field));
        }

        String text() {
            return text;
        }
    }

    static final class OnIpField extends OnField {
        private final IpMatcher matcher;

        IpMatcher matcher() {
            return matcher;
        }

        OnIpField(Field field, IpMatcher matcher) {
            super(field, matcher);
            this.matcher = matcher;
        }

        @Override
        boolean test(FieldValues v) {
            IpAddress ip = v.ip(field);
            return ip != null && matcher.matchIp(ip);
        }
    }

    /**
     * A comparison as written, the left side then the operator and its operand: what {@link
     * OnValue} and {@link OnEach} print and read. Evaluated, a plain comparison's answer.
     */
    static class Written extends Value {
        final Value lhs;
        final Matcher matcher;

        Written(Type type, Value lhs, Matcher matcher) {
            super(type, false);
            this.lhs = lhs;
            this.matcher = matcher;
        }

        @Override
        Object eval(FieldValues v) {
            Object value = lhs.eval(v);
            return value != null && matcher.match(value) ? Boolean.TRUE : Boolean.FALSE;
        }

        @Override
        final void print(StringBuilder sb) {
            lhs.print(sb);
            matcher.print(sb);
        }

        @Override
        final void collectFields(Set<Field> out) {
            lhs.collectFields(out);
        }
    }

    static final class OnValue extends Node.StandIn {
        private final Value lhs;
        private final Matcher matcher;

        OnValue(Value lhs, Matcher matcher) {
            super(new Written(Type.BOOL, lhs, matcher));
            this.lhs = lhs;
            this.matcher = matcher;
        }

        @Override
        boolean test(FieldValues v) {
            Object value = lhs.eval(v);
            return value != null && matcher.match(value);
        }
    }

    /** A comparison on {@code [*]}: one Bool per element, an Array<Bool>. */
    static final class OnEach extends Written {
        OnEach(Value lhs, Matcher matcher) {
            super(Type.BOOL_ARRAY, lhs, matcher);
        }

        Value lhs() {
            return lhs;
        }

        Matcher matcher() {
            return matcher;
        }

        /**
         * {@code any()} / {@code all()} of this comparison, deciding as the elements come, without
         * building the array of Booleans.
         */
        boolean quantify(FieldValues v, boolean all) {
            List<?> elements = (List<?>) lhs.eval(v);
            if (elements == null) {
                return false;
            }
            for (int i = 0, n = elements.size(); i < n; i++) {
                Object e = elements.get(i);
                if ((e != null && matcher.match(e)) != all) {
                    return !all;
                }
            }
            return all;
        }

        @Override
        Object eval(FieldValues v) {
            List<?> elements = (List<?>) lhs.eval(v);
            List<Object> out = new ArrayList<>(elements.size());
            for (Object e : elements) {
                out.add(e != null && matcher.match(e) ? Boolean.TRUE : Boolean.FALSE);
            }
            return out;
        }
    }
}
