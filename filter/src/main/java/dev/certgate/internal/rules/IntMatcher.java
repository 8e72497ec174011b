package dev.certgate.internal.rules;

import java.util.function.LongPredicate;

/** Matchers of Int values: a test on the long, printed as its operator and operand. */
final class IntMatcher extends Matcher {
    private final LongPredicate test;

    private IntMatcher(String word, Object operand, LongPredicate test) {
        super(word, operand);
        this.test = test;
    }

    static IntMatcher compare(Order order, long literal) {
        return new IntMatcher(order.word, literal, v -> order.holds(Long.compare(v, literal)));
    }

    static IntMatcher bitAnd(long mask) {
        return new IntMatcher("bitwise_and", mask, v -> (v & mask) != 0);
    }

    static IntMatcher in(LongRanges ranges, String printed) {
        return new IntMatcher("in", printed, ranges::contains);
    }

    @Override
    boolean match(Object value) {
        return test.test((Long) value);
    }
}
