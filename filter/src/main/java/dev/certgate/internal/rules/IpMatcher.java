package dev.certgate.internal.rules;

import java.util.function.Predicate;

/** Matchers of IP values; IPv4 and IPv6 never compare equal or ordered. */
final class IpMatcher extends Matcher {
    private final Predicate<IpAddress> test;

    private IpMatcher(String word, Object operand, Predicate<IpAddress> test) {
        super(word, operand);
        this.test = test;
    }

    static IpMatcher compare(Order order, IpAddress literal) {
        return new IpMatcher(
                order.word,
                literal,
                // incomparable families: only ne holds
                v -> v.isV4() != literal.isV4() ? order == Order.NE : order.holds(v.compareTo(literal)));
    }

    static IpMatcher in(IpRanges ranges, String printed) {
        return new IpMatcher("in", printed, ranges::contains);
    }

    @Override
    boolean match(Object value) {
        return matchIp((IpAddress) value);
    }

    boolean matchIp(IpAddress value) {
        return test.test(value);
    }
}
