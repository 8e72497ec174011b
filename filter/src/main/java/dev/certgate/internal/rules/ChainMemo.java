package dev.certgate.internal.rules;

/**
 * The answers of one rule list's certificate-only tests, remembered for one presented chain. A
 * test that reads nothing but fields fixed by the chain and its verification ({@link
 * Field#chainConstant}) gives the same answer on every request of that chain, so a {@link
 * RuleSet} pass asks the chain's memo before evaluating it, and tells the memo what it learnt.
 * Bit {@code a} is the set's atom {@code a}; {@code list} tells a group's lists apart (the
 * group's own rules, the global ones). Implementations are thread-safe: a truth is published
 * before its known bit.
 */
public interface ChainMemo {
    /** The atoms whose answers are remembered. Read before {@link #truths}. */
    long known(int list);

    /** Of the known atoms, those that are true. */
    long truths(int list);

    /** Remembers the answers of {@code atoms}: those in {@code truths} are true, the others false. */
    void learn(int list, long atoms, long truths);
}
