package dev.certgate.internal.rules;

/** Matchers of IP values; IPv4 and IPv6 never compare equal or ordered. */
abstract class IpMatcher extends Matcher {
    IpMatcher(String word, Object operand) {
        super(word, operand);
    }

    @Override
    final boolean match(Object value) {
        return matchIp((IpAddress) value);
    }

    abstract boolean matchIp(IpAddress value);

    static final class Compare extends IpMatcher {
        private final Order order;
        private final IpAddress literal;

        Compare(Order order, IpAddress literal) {
            super(order.word, literal);
            this.order = order;
            this.literal = literal;
        }

        @Override
        boolean matchIp(IpAddress value) {
            if (value.isV4() != literal.isV4()) {
                return order == Order.NE; // incomparable families
            }
            return order.holds(value.compareTo(literal));
        }
    }

    static final class InRanges extends IpMatcher {
        private final IpRanges ranges;

        InRanges(IpRanges ranges, String printed) {
            super("in", printed);
            this.ranges = ranges;
        }

        @Override
        boolean matchIp(IpAddress value) {
            return ranges.contains(value);
        }
    }
}
