package dev.certgate.internal.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The result of an expression and the value of each of its sub-expressions, outermost first. */
public final class Trace {
    /**
     * One sub-expression: nesting depth (0 = whole expression), its text, and its value: "true",
     * "false", or an array of them such as "[true, false]".
     */
    public record Step(int depth, String expression, String value) {}

    private final boolean result;
    private final List<Step> steps;

    private Trace(boolean result, List<Step> steps) {
        this.result = result;
        this.steps = Collections.unmodifiableList(steps);
    }

    static Trace of(Node root, FieldValues values) {
        List<Step> steps = new ArrayList<>();
        walk(root, values, 0, steps);
        return new Trace(root.test(values), steps);
    }

    private static void walk(Value v, FieldValues values, int depth, List<Step> out) {
        Object value = v instanceof Node ? (Object) ((Node) v).test(values) : v.eval(values);
        out.add(new Step(depth, v.toString(), value == null ? "missing" : String.valueOf(value)));
        for (Value child : v.children()) {
            walk(child, values, depth + 1, out);
        }
    }

    public boolean result() {
        return result;
    }

    public List<Step> steps() {
        return steps;
    }

    /** One line per step, indented by depth: {@code true   http.host in {"a"}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append("  ".repeat(s.depth))
                    .append(s.value)
                    .append("  ")
                    .append(s.expression)
                    .append('\n');
        }
        return sb.toString();
    }
}
