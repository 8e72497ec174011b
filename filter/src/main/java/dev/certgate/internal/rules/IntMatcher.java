package dev.certgate.internal.rules;

/** Matchers of Int values. */
abstract class IntMatcher extends Matcher {
    @Override
    final boolean match(Object value) {
        return matchLong((Long) value);
    }

    abstract boolean matchLong(long value);

    static final class Compare extends IntMatcher {
        private final Order order;
        private final long literal;

        Compare(Order order, long literal) {
            this.order = order;
            this.literal = literal;
        }

        @Override
        boolean matchLong(long value) {
            return order.holds(Long.compare(value, literal));
        }

        @Override
        void print(StringBuilder sb) {
            sb.append(' ').append(order.word).append(' ').append(literal);
        }
    }

    static final class BitAnd extends IntMatcher {
        private final long mask;

        BitAnd(long mask) {
            this.mask = mask;
        }

        @Override
        boolean matchLong(long value) {
            return (value & mask) != 0;
        }

        @Override
        void print(StringBuilder sb) {
            sb.append(" bitwise_and ").append(mask);
        }
    }

    static final class InRanges extends IntMatcher {
        private final LongRanges ranges;
        private final String printed;

        InRanges(LongRanges ranges, String printed) {
            this.ranges = ranges;
            this.printed = printed;
        }

        @Override
        boolean matchLong(long value) {
            return ranges.contains(value);
        }

        @Override
        void print(StringBuilder sb) {
            sb.append(" in ").append(printed);
        }
    }
}
