package dev.certgate.internal.rules;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One host group's rule list compiled for one pass over a request. Many rules start with a test
 * that must hold for them to match — {@code http.host in {…} and …}, {@code http.request.uri.path
 * eq "…" and …} — and such tests on one field usually differ only in their literals. The set reads
 * each such field once, looks its value up in one table of every rule's literals, and so learns
 * which rules can still match; only those are evaluated. A rule without such a test is always
 * evaluated. Immutable and thread-safe; a pass allocates nothing.
 */
public final class RuleSet {
    /** Rules past this many are always candidates (a candidate set is one {@code long}). */
    public static final int INDEXED = 64;

    private final Expression[] rules;
    /** Rules that must be evaluated whatever the indexed fields say. */
    private final long always;

    private final FieldIndex[] indexes;

    /** The first {@link #INDEXED} rules as one program over shared tests: what a pass runs. */
    private final RuleProgram program;

    private record FieldIndex(Field field, Map<String, Long> rulesByValue) {}

    private RuleSet(Expression[] rules, long always, FieldIndex[] indexes, int memoList) {
        this.rules = rules;
        this.always = always;
        this.indexes = indexes;
        this.program = RuleProgram.of(rules, memoList);
    }

    public static RuleSet of(List<Expression> rules) {
        return of(rules, 0);
    }

    /** @param memoList which list of its group's {@link ChainMemo} the set's certificate-only tests use */
    public static RuleSet of(List<Expression> rules, int memoList) {
        Expression[] all = rules.toArray(new Expression[0]);
        Map<Field, List<Integer>> byField = new EnumMap<>(Field.class);
        Map<Integer, Set<String>> texts = new HashMap<>();
        for (int i = 0; i < Math.min(all.length, INDEXED); i++) {
            Comparison.OnBytesField necessary = necessaryEquality(all[i].work());
            if (necessary != null) {
                byField.computeIfAbsent(necessary.field, f -> new ArrayList<>()).add(i);
                texts.put(i, necessary.matcher.equalTexts());
            }
        }
        long always = all.length >= INDEXED ? -1L : (1L << all.length) - 1;
        List<FieldIndex> indexes = new ArrayList<>();
        for (Map.Entry<Field, List<Integer>> e : byField.entrySet()) {
            if (e.getValue().size() < 2) {
                continue; // one rule: evaluating it costs no more than the lookup
            }
            Map<String, Long> table = new HashMap<>();
            for (int rule : e.getValue()) {
                for (String text : texts.get(rule)) {
                    table.merge(text, 1L << rule, (a, b) -> a | b);
                }
                always &= ~(1L << rule);
            }
            indexes.add(new FieldIndex(e.getKey(), Map.copyOf(table)));
        }
        return new RuleSet(all, always, indexes.toArray(new FieldIndex[0]), memoList);
    }

    /**
     * A test that the whole node needs to hold: the node itself, or one operand of a top-level
     * {@code and}. Only equality with literals (eq, in a set) on request fields: reading one early
     * costs nothing a rule would not pay, while a certificate field would verify the chain of a
     * request that an earlier rule may already have decided.
     */
    private static Comparison.OnBytesField necessaryEquality(Node node) {
        Node n = node;
        if (n instanceof Comparison.BytesFieldEquals eq) {
            n = eq.source;
        }
        if (n instanceof Comparison.OnBytesField on
                && on.matcher.equalTexts() != null
                && on.field.source() == Field.Source.REQUEST) {
            return on;
        }
        if (n instanceof Logic.Flat flat && flat.and) {
            for (Node operand : flat.source.work) {
                Comparison.OnBytesField found = necessaryEquality(operand);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public int size() {
        return rules.length;
    }

    /**
     * The rules that may match this request, bit i for rule i (rules from {@link #INDEXED} on are
     * not in it and always may): a rule whose bit is clear certainly does not match.
     */
    public long candidates(FieldValues values) {
        long c = always;
        for (FieldIndex index : indexes) {
            String value = values.bytes(index.field);
            if (value != null) {
                Long matching = index.rulesByValue.get(value);
                if (matching != null) {
                    c |= matching;
                }
            }
        }
        return c;
    }

    /** Whether rule i matches, given the candidates of {@link #candidates} for the same request. */
    public boolean matches(int i, long candidates, FieldValues values) {
        if (i < INDEXED && (candidates & (1L << i)) == 0) {
            return false;
        }
        return rules[i].matches(values);
    }

    /**
     * The rules among the first {@link #INDEXED} that match, bit i for rule i, in one pass that
     * evaluates each shared test once ({@link RuleProgram}). Rules run in order; the pass stops
     * after the first matching rule whose bit is set in {@code stop} (a terminating action), so
     * no later rule reads a field.
     */
    public long matching(FieldValues values, long stop) {
        return program.run(values, stop, null);
    }

    /**
     * Like {@link #matching(FieldValues, long)}, with the answers of certificate-only tests taken
     * from and given to the chain's memo: {@code memos} is asked (once) when the pass first reaches
     * such a test, and may answer null when nothing is remembered for the request's chain.
     */
    public long matching(FieldValues values, long stop, java.util.function.Supplier<? extends ChainMemo> memos) {
        return program.run(values, stop, memos);
    }

    /** Whether the pass runs as generated code (a program too big for the JIT is interpreted). */
    public boolean generated() {
        return program.generated();
    }

    /** How many rules match: every rule's answer, in one pass. */
    public int countMatches(FieldValues values) {
        int matched = Long.bitCount(program.run(values, 0, null));
        for (int i = INDEXED; i < rules.length; i++) {
            if (rules[i].matches(values)) {
                matched++;
            }
        }
        return matched;
    }
}
