package dev.certgate.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A function call. A missing argument makes the result missing. When the first argument is a
 * {@code [*]} value the function runs once per element and the call yields an array.
 */
final class Call extends Value {
    /** The body of a function, given present (non-null) argument values. */
    interface Body {
        Object apply(Object[] args);
    }

    /**
     * A body that reads only the first argument; any other is a literal it took in when the call
     * was compiled ({@code starts_with(f, "/x")}, {@code split(f, ",")}). Called without an
     * argument array: a call on every request then allocates nothing of its own.
     */
    interface Unary extends Body {
        Object apply1(Object first);

        @Override
        default Object apply(Object[] args) {
            return apply1(args[0]);
        }
    }

    private final String name;
    private final Body body;
    /** {@link #body} when it is {@link Unary}, else null. */
    private final Unary unary;

    private final Value[] args;
    private final boolean perElementBool;

    Call(String name, Type resultType, Body body, Value[] args) {
        super(args.length > 0 && args[0].each ? Type.array(resultType) : resultType, false);
        this.perElementBool = args.length > 0 && args[0].each && resultType.equals(Type.BOOL);
        this.name = name;
        this.body = body;
        this.args = args;
        this.unary = body instanceof Unary u ? u : null;
        if (unary != null) {
            for (int i = 1; i < args.length; i++) {
                if (!args[i].isLiteral()) {
                    throw new IllegalArgumentException(name + "(): a one-argument body with a non-literal argument");
                }
            }
        }
    }

    @Override
    Object eval(FieldValues v) {
        Object[] others = otherArguments(v);
        if (others == null) {
            return null;
        }
        Object first = args[0].eval(v);
        if (first == null) {
            return null;
        }
        if (!args[0].each) {
            return applyTo(first, others);
        }
        List<?> elements = (List<?>) first;
        List<Object> out = new ArrayList<>(elements.size());
        for (Object element : elements) {
            out.add(element == null ? null : applyTo(element, others));
        }
        return out;
    }

    /**
     * {@code any()} / {@code all()} of this per-element call (its first argument is a {@code [*]}
     * value and its result Bool), deciding as the elements come without building the array.
     * Null when the array or another argument is missing.
     */
    Boolean quantify(FieldValues v, boolean all) {
        Object[] others = otherArguments(v);
        if (others == null) {
            return null;
        }
        List<?> elements = (List<?>) args[0].eval(v);
        if (elements == null) {
            return null;
        }
        for (int i = 0, n = elements.size(); i < n; i++) {
            Object element = elements.get(i);
            if ((element != null && applyTo(element, others) == Boolean.TRUE) != all) {
                return !all;
            }
        }
        return all;
    }

    private static final Object[] NONE = new Object[0];

    /**
     * The argument array with every argument but the first evaluated (slot 0 left for it), or null
     * when one is missing. A {@link Unary} body took its other arguments in when compiled: none then.
     */
    private Object[] otherArguments(FieldValues v) {
        if (unary != null) {
            return NONE;
        }
        Object[] values = new Object[args.length];
        for (int i = 1; i < args.length; i++) {
            values[i] = args[i].eval(v);
            if (values[i] == null) {
                return null;
            }
        }
        return values;
    }

    /** The body on {@code first} and {@link #otherArguments}; bodies are pure, so one array serves every element. */
    private Object applyTo(Object first, Object[] others) {
        if (unary != null) {
            return unary.apply1(first);
        }
        others[0] = first;
        return body.apply(others);
    }

    /** Whether {@link #quantify} applies: per element, with a Bool result. */
    boolean perElementBool() {
        return perElementBool;
    }

    @Override
    void print(StringBuilder sb) {
        print(sb, name, args);
    }

    /** {@code name(a, b, …)}: shared by every function-like value. */
    static void print(StringBuilder sb, String name, Value[] args) {
        sb.append(name).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            args[i].print(sb);
        }
        sb.append(')');
    }

    @Override
    void collectFields(Set<Field> out) {
        Logic.collectAll(args, out);
    }
}
