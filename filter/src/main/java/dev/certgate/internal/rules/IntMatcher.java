package dev.certgate.internal.rules;

/** Matchers of Int values. */
abstract class IntMatcher extends Matcher {
    IntMatcher(String word, Object operand) {
        super(word, operand);
    }

    @Override
    final boolean match(Object value) {
        return matchLong((Long) value);
    }

    abstract boolean matchLong(long value);

    static final class Compare extends IntMatcher {
        private final Order order;
        private final long literal;

        Compare(Order order, long literal) {
            super(order.word, literal);
            this.order = order;
            this.literal = literal;
        }

        @Override
        boolean matchLong(long value) {
            return order.holds(Long.compare(value, literal));
        }
    }

    static final class BitAnd extends IntMatcher {
        private final long mask;

        BitAnd(long mask) {
            super("bitwise_and", mask);
            this.mask = mask;
        }

        @Override
        boolean matchLong(long value) {
            return (value & mask) != 0;
        }
    }

    static final class InRanges extends IntMatcher {
        private final LongRanges ranges;

        InRanges(LongRanges ranges, String printed) {
            super("in", printed);
            this.ranges = ranges;
        }

        @Override
        boolean matchLong(long value) {
            return ranges.contains(value);
        }
    }
}
