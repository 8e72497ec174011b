package dev.certgate.internal.rules;

import static dev.certgate.internal.rules.Functions.arity;
import static dev.certgate.internal.rules.Functions.arr;
import static dev.certgate.internal.rules.Functions.describe;
import static dev.certgate.internal.rules.Functions.literal;
import static dev.certgate.internal.rules.Functions.type;

import dev.certgate.internal.rules.Functions.Function;
import dev.certgate.internal.rules.Functions.Site;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Arrays and maps: has_key, has_value, split, join (Cloudflare's January 2026 functions). */
final class CollectionFunctions {
    private CollectionFunctions() {}

    /** {@code has_key(map, key)}: the key is present (keys are exact byte strings). */
    static Value hasKey(Function f, Site site) throws RuleSyntaxException {
        arity(f.name(), site, 2, 2, f.signature());
        Value map = site.args().get(0);
        if (map.type.kind != Type.Kind.MAP || map.each) {
            throw site.error(
                    site.offset(0), "argument 1 of has_key() is " + describe(map), "a Map (" + f.signature() + ")");
        }
        type(f.name(), site, 1, Type.BYTES, f.signature());
        return new Call(
                f.name(),
                Type.BOOL,
                a -> {
                    String key = a[1] instanceof String s ? s : ByteString.decodeStrict((byte[]) a[1]);
                    return key != null && ((Map<?, ?>) a[0]).containsKey(key);
                },
                arr(site));
    }

    /**
     * {@code has_value(collection, value)}: an element of the array, or a value of the map, equals
     * it. A map whose values are arrays (headers, cookies, arguments) is searched in those arrays.
     */
    static Value hasValue(Function f, Site site) throws RuleSyntaxException {
        arity(f.name(), site, 2, 2, f.signature());
        Value c = site.args().get(0);
        if (!c.type.isContainer() || c.each) {
            throw site.error(
                    site.offset(0),
                    "argument 1 of has_value() is " + describe(c),
                    "an Array or a Map (" + f.signature() + ")");
        }
        boolean nested = c.type.kind == Type.Kind.MAP && c.type.element.kind == Type.Kind.ARRAY;
        Type element = nested ? c.type.element.element : c.type.element;
        type(f.name(), site, 1, element, f.signature());
        return new Call(
                f.name(),
                Type.BOOL,
                a -> {
                    Iterable<?> items = a[0] instanceof Map<?, ?> m ? m.values() : (List<?>) a[0];
                    for (Object item : items) {
                        if (nested ? containsEqual((List<?>) item, a[1]) : same(item, a[1])) {
                            return Boolean.TRUE;
                        }
                    }
                    return Boolean.FALSE;
                },
                arr(site));
    }

    private static boolean containsEqual(List<?> items, Object value) {
        for (Object item : items) {
            if (same(item, value)) {
                return true;
            }
        }
        return false;
    }

    /** Equality of two values of one type; strings compare as their bytes. */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.equals(y);
        }
        if ((a instanceof String || a instanceof byte[]) && (b instanceof String || b instanceof byte[])) {
            return Arrays.equals(ByteString.bytesOf(a), ByteString.bytesOf(b));
        }
        return a.equals(b);
    }

    /**
     * {@code split(input, separator [, limit])}: the pieces between occurrences of a non-empty
     * literal separator; with a limit (1 to 128) the last piece keeps the rest.
     */
    static Value split(Function f, Site site) throws RuleSyntaxException {
        arity(f.name(), site, 2, 3, f.signature());
        type(f.name(), site, 0, Type.BYTES, f.signature());
        type(f.name(), site, 1, Type.BYTES, f.signature());
        literal(f.name(), site, 1, f.signature());
        byte[] separator = (byte[]) ((Literal) site.args().get(1)).value;
        if (separator.length == 0) {
            throw site.error(site.offset(1), "the separator of split() is empty", "a non-empty string literal");
        }
        int limit = Integer.MAX_VALUE;
        if (site.args().size() == 3) {
            type(f.name(), site, 2, Type.INT, f.signature());
            literal(f.name(), site, 2, f.signature());
            long l = (Long) ((Literal) site.args().get(2)).value;
            if (l < 1 || l > 128) {
                throw site.error(site.offset(2), "the limit of split() is " + l, "an integer from 1 to 128");
            }
            limit = (int) l;
        }
        int max = limit;
        return new Call(
                f.name(), Type.BYTES_ARRAY, (Call.Unary) x -> split(ByteString.bytesOf(x), separator, max), arr(site));
    }

    static List<Object> split(byte[] in, byte[] separator, int limit) {
        List<Object> out = new ArrayList<>();
        int from = 0;
        while (out.size() < limit - 1) {
            int at = indexOf(in, separator, from);
            if (at < 0) {
                break;
            }
            out.add(Arrays.copyOfRange(in, from, at));
            from = at + separator.length;
        }
        out.add(Arrays.copyOfRange(in, from, in.length));
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** {@code join(items, separator)}: missing elements are skipped; the separator may be any String. */
    static Value join(Function f, Site site) throws RuleSyntaxException {
        arity(f.name(), site, 2, 2, f.signature());
        type(f.name(), site, 0, Type.BYTES_ARRAY, f.signature());
        type(f.name(), site, 1, Type.BYTES, f.signature());
        return new Call(
                f.name(),
                Type.BYTES,
                a -> {
                    byte[] sep = ByteString.bytesOf(a[1]);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    boolean first = true;
                    for (Object e : (List<?>) a[0]) {
                        if (e == null) {
                            continue;
                        }
                        if (!first) {
                            out.writeBytes(sep);
                        }
                        first = false;
                        out.writeBytes(ByteString.bytesOf(e));
                    }
                    return out.toByteArray();
                },
                arr(site));
    }

    /** {@code coalesce(a, b, ...)}: the first argument that is not missing. */
    static Value coalesce(Function f, Site site) throws RuleSyntaxException {
        arity(f.name(), site, 2, Integer.MAX_VALUE, f.signature());
        Type t = site.args().get(0).type;
        if (t.kind == Type.Kind.BOOL) {
            throw site.error(
                    site.offset(0),
                    "argument 1 of coalesce() is a Boolean, which is never missing",
                    "a String, Integer, IP, Array or Map");
        }
        if (site.args().get(0).each) {
            throw site.error(site.offset(0), "coalesce() takes no [*] argument", "a value without [*]");
        }
        for (int i = 1; i < site.args().size(); i++) {
            type(f.name(), site, i, t, "every argument of the type of the first");
        }
        return new Coalesce(t, arr(site));
    }

    /** Unlike a {@link Call}, a missing argument is skipped rather than making the result missing. */
    private static final class Coalesce extends Value {
        private final Value[] args;

        Coalesce(Type type, Value[] args) {
            super(type, false);
            this.args = args;
        }

        @Override
        Object eval(FieldValues values) {
            for (Value a : args) {
                Object v = a.eval(values);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        @Override
        void print(StringBuilder sb) {
            Call.print(sb, "coalesce", args);
        }

        @Override
        void collectFields(java.util.Set<Field> out) {
            Logic.collectAll(args, out);
        }

        @Override
        List<Value> children() {
            return List.of(args);
        }
    }
}
