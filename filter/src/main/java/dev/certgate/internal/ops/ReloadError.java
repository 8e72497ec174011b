package dev.certgate.internal.ops;

import java.time.Instant;

/**
 * A reload that was refused: the running policy stayed.
 *
 * @param time     when it was tried
 * @param trigger  what started it ({@code interval}, {@code jmx}, {@code status page}, …)
 * @param property the property at fault
 * @param message  the same message a start-up would fail with (for an expression: line, column, caret)
 */
public record ReloadError(Instant time, String trigger, String property, String message) {}
