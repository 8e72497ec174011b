package dev.certgate.internal.ops;

import dev.certgate.ops.Metric;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The metrics view as Micrometer meters on {@link Metrics#globalRegistry}: a function counter or a
 * gauge per metric and label set, named the Micrometer way ({@code certgate.requests}, tags
 * {@code group}, {@code outcome}); a Prometheus registry renders them as
 * {@code certgate_requests_total}. Loaded only when Micrometer is on the class path.
 */
final class MicrometerBridge implements MetricsBridges.Bridge {
    private final MetricsBridges.Snapshots snapshots;
    private final MeterRegistry registry = Metrics.globalRegistry;
    private final Set<String> registered = new HashSet<>();
    private final List<Meter> meters = new ArrayList<>();

    MicrometerBridge(MetricsBridges.Snapshots snapshots) {
        this.snapshots = snapshots;
        refresh();
    }

    @Override
    public synchronized void refresh() {
        snapshots.invalidate();
        for (Metric m : snapshots.all()) {
            String key = m.key();
            if (!registered.add(key)) {
                continue;
            }
            List<Tag> tags = new ArrayList<>();
            m.labels().forEach((k, v) -> tags.add(Tag.of(k, v)));
            String name = MetricsBridges.dottedName(m.name());
            String unit = MetricsBridges.inSeconds(m.name()) ? "seconds" : null;
            if (m.type() == Metric.Type.COUNTER) {
                meters.add(FunctionCounter.builder(name, snapshots, s -> s.value(key))
                        .tags(tags)
                        .description(m.help())
                        .baseUnit(unit)
                        .register(registry));
            } else {
                meters.add(Gauge.builder(name, snapshots, s -> s.value(key))
                        .tags(tags)
                        .description(m.help())
                        .baseUnit(unit)
                        .register(registry));
            }
        }
    }

    @Override
    public synchronized void close() {
        meters.forEach(registry::remove);
        meters.clear();
        registered.clear();
    }
}
