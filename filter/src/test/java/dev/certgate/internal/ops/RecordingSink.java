package dev.certgate.internal.ops;

import dev.certgate.ops.DecisionEvent;
import dev.certgate.ops.DecisionEventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A decision event sink found through META-INF/services: keeps what it receives. */
public final class RecordingSink implements DecisionEventSink {
    static final List<DecisionEvent> EVENTS = new CopyOnWriteArrayList<>();
    static final List<String> SUMMARIES = new CopyOnWriteArrayList<>();

    @Override
    public void accept(DecisionEvent event) {
        EVENTS.add(event);
    }

    @Override
    public void summary(String json) {
        SUMMARIES.add(json);
    }
}
