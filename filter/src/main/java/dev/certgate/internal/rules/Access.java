package dev.certgate.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code value[n]}, {@code value["key"]} or {@code value[*]}. Out-of-range indexes and absent keys
 * give the missing value. On an {@code each} base the access applies to every element, and
 * elements where it is missing are skipped.
 */
final class Access extends Value {
    enum Kind {
        INDEX,
        KEY,
        EACH
    }

    private final Value base;
    private final Kind kind;
    private final int index;
    private final String key;

    Access(Value base, Type resultType, Kind kind, int index, String key) {
        super(resultType, base.each || kind == Kind.EACH);
        this.base = base;
        this.kind = kind;
        this.index = index;
        this.key = key;
    }

    Value base() {
        return base;
    }

    Kind kind() {
        return kind;
    }

    String key() {
        return key;
    }

    @Override
    Object eval(FieldValues v) {
        Object container = base.eval(v);
        if (container == null) {
            return base.each ? List.of() : (kind == Kind.EACH ? List.of() : null);
        }
        if (!base.each) {
            return apply(container);
        }
        List<Object> out = new ArrayList<>();
        for (Object element : (List<?>) container) {
            Object r = element == null ? null : apply(element);
            if (r == null) {
                continue;
            }
            if (kind == Kind.EACH) {
                out.addAll((List<?>) r);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private Object apply(Object container) {
        switch (kind) {
            case INDEX: {
                List<?> list = (List<?>) container;
                return index < list.size() ? list.get(index) : null;
            }
            case KEY:
                return ((Map<?, ?>) container).get(key);
            default:
                if (container instanceof Map) {
                    return new ArrayList<Object>(((Map<?, ?>) container).values());
                }
                return container;
        }
    }

    @Override
    void print(StringBuilder sb) {
        base.print(sb);
        switch (kind) {
            case INDEX:
                sb.append('[').append(index).append(']');
                break;
            case KEY:
                sb.append('[').append(ByteString.of(key)).append(']');
                break;
            default:
                sb.append("[*]");
        }
    }

    @Override
    void collectFields(Set<Field> out) {
        base.collectFields(out);
    }
}
