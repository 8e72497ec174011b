package dev.certgate.internal.policy;

import java.util.Locale;

/** What a matching rule does. Cloudflare's challenge actions cannot be served by a filter. */
public enum Action {
    /** Answer with the rule's block response (403 by default) and stop. */
    BLOCK(true),
    /** Let the request through and stop evaluating. */
    ALLOW(true),
    /** Skip the remaining rules of the same list (host rules, or global rules) and go on. */
    SKIP(false),
    /** Record the match (rule id) and go on. */
    LOG(false);

    private final boolean terminating;

    Action(boolean terminating) {
        this.terminating = terminating;
    }

    public boolean terminating() {
        return terminating;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configured action.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static Action parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "block":
                return BLOCK;
            case "allow":
                return ALLOW;
            case "skip":
                return SKIP;
            case "log":
                return LOG;
            case "challenge":
            case "js_challenge":
            case "managed_challenge":
                throw new IllegalArgumentException("'" + text.strip() + "' is a Cloudflare challenge action, which a "
                        + "servlet filter cannot serve; use block (or log to observe)");
            default:
                throw new IllegalArgumentException(
                        "unknown action '" + text.strip() + "', expected one of block, allow, skip, log");
        }
    }
}
