package dev.certgate.internal.rules;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled rule expression in Cloudflare's Rules language. Immutable and thread-safe.
 *
 * <pre>{@code
 * Expression e = Expression.compile(
 *     "(http.host in {\"api.example.com\"} and not cf.tls_client_auth.cert_verified)", NamedLists.EMPTY);
 * boolean block = e.matches(requestFacts);
 * }</pre>
 */
public final class Expression {
    private final String source;
    private final Node root;
    /** The root without enclosing parentheses: what {@link #matches} calls. */
    private final Node work;

    private final Set<Field> fields;
    private final String normalized;

    private Expression(String source, Node root) {
        this.source = source;
        this.root = root;
        this.work = root.evaluated();
        EnumSet<Field> f = EnumSet.noneOf(Field.class);
        root.collectFields(f);
        this.fields = Collections.unmodifiableSet(f);
        this.normalized = root.toString();
    }

    /**
     * Parses, type-checks and compiles. Never throws anything but RuleSyntaxException for any
     * source (a null source is an empty expression); {@code lists} may be null for none.
     */
    public static Expression compile(String source, NamedLists lists) throws RuleSyntaxException {
        return compile(source, lists, Parser::parse);
    }

    /** The parser step, replaceable so that a test can show what an internal failure becomes. */
    interface Compiler {
        Node parse(String source, NamedLists lists) throws RuleSyntaxException;
    }

    static Expression compile(String source, NamedLists lists, Compiler compiler) throws RuleSyntaxException {
        String src = source == null ? "" : source;
        NamedLists l = lists == null ? NamedLists.EMPTY : lists;
        try {
            return new Expression(src, compiler.parse(src, l));
        } catch (RuntimeException | StackOverflowError e) {
            // Defence in depth: the parser reports every known problem itself.
            throw new RuleSyntaxException(
                    src,
                    0,
                    "the expression could not be compiled (internal error: "
                            + e.getClass().getSimpleName() + ")",
                    "",
                    e);
        }
    }

    /**
     * Evaluates against one request. Allocation-free for comparisons on plain fields; a null value
     * from {@code values} is treated as missing (comparisons false, Bool false). Exceptions thrown
     * by {@code values} itself propagate, so that the caller can fail closed.
     */
    public boolean matches(FieldValues values) {
        return work.test(values);
    }

    /** The node evaluation runs, for {@link RuleSet}. */
    Node work() {
        return work;
    }

    /** The fields this expression reads. */
    public Set<Field> fields() {
        return fields;
    }

    /** The text it was compiled from. */
    public String source() {
        return source;
    }

    /** Evaluates every sub-expression (without short-circuit) to show why the result is what it is. */
    public Trace trace(FieldValues values) {
        Objects.requireNonNull(values, "values");
        return Trace.of(root, values);
    }

    /** The normalised expression ("expression preview"): word operators, one space, same tree. */
    @Override
    public String toString() {
        return normalized;
    }
}
