package dev.certgate.internal.rules;

/** Matchers of IP values; IPv4 and IPv6 never compare equal or ordered. */
abstract class IpMatcher extends Matcher {
    @Override
    final boolean match(Object value) {
        return matchIp((IpAddress) value);
    }

    abstract boolean matchIp(IpAddress value);

    static final class Compare extends IpMatcher {
        private final Order order;
        private final IpAddress literal;

        Compare(Order order, IpAddress literal) {
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

        @Override
        void print(StringBuilder sb) {
            sb.append(' ').append(order.word).append(' ').append(literal);
        }
    }

    static final class InRanges extends IpMatcher {
        private final IpRanges ranges;
        private final String printed;

        InRanges(IpRanges ranges, String printed) {
            this.ranges = ranges;
            this.printed = printed;
        }

        @Override
        boolean matchIp(IpAddress value) {
            return ranges.contains(value);
        }

        @Override
        void print(StringBuilder sb) {
            sb.append(" in ").append(printed);
        }
    }
}
