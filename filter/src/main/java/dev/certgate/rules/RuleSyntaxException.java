package dev.certgate.rules;

/** Temporary stand-in until the rules branch lands. */
public final class RuleSyntaxException extends Exception {
    public RuleSyntaxException(String message) {
        super(message);
    }
}
