package dev.certgate.internal.policy;

/**
 * The outcome of evaluating the rules for a request.
 *
 * @param blocked whether to answer with {@code rule}'s block response
 * @param rule    the terminating rule, or null when no terminating rule matched
 */
public record Decision(boolean blocked, Rule rule) {
    public static final Decision PASS = new Decision(false, null);

    static Decision block(Rule rule) {
        return new Decision(true, rule);
    }

    static Decision allow(Rule rule) {
        return new Decision(false, rule);
    }
}
