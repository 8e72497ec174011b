package dev.certgate.ops;

/**
 * Ships decision events elsewhere (a SIEM, a queue). Implementations are found with
 * {@link java.util.ServiceLoader} in the web application's class loader
 * ({@code META-INF/services/dev.certgate.ops.DecisionEventSink}) and receive the same, rate-limited
 * events the {@code dev.certgate.events} logger writes, plus the periodic summaries. Called on the
 * request thread: hand the event to a queue and return; an exception is logged and ignored.
 */
public interface DecisionEventSink {
    /** One admitted event. */
    void accept(DecisionEvent event);

    /** The summary of one rule over the last window, as the JSON line the logger writes. */
    default void summary(String json) {}
}
