package dev.certgate.boot.actuate;

import dev.certgate.internal.ops.GateMetrics;
import dev.certgate.ops.Metric;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * certgate's metrics view ({@link GateMetrics}, the core's one reader of every counter) bound to
 * Boot's {@link MeterRegistry}: a function counter or gauge per metric and label set, read from the
 * view when scraped (at most one snapshot a second), named the Micrometer way
 * ({@code certgate_requests_total} → {@code certgate.requests}, {@code certgate_crl_age_seconds} →
 * {@code certgate.crl.age} in seconds). Metrics that first appear after start-up (a host group added by
 * a reload) are bound at the next start.
 */
final class CertGateMetrics implements MeterBinder {
    private static final long SNAPSHOT_TTL_NANOS = 1_000_000_000L;

    private final GateMetrics view;
    private Map<String, Double> values = Map.of();
    private long takenAt;

    CertGateMetrics(GateMetrics view) {
        this.view = view;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Metric m : view.snapshot()) {
            String key = m.key();
            List<Tag> tags = new ArrayList<>();
            m.labels().forEach((k, v) -> tags.add(Tag.of(k, v)));
            String name = micrometerName(m.name());
            String unit = inSeconds(m.name()) ? "seconds" : null;
            if (m.type() == Metric.Type.COUNTER) {
                FunctionCounter.builder(name, this, b -> b.value(key))
                        .tags(tags)
                        .description(m.help())
                        .baseUnit(unit)
                        .register(registry);
            } else {
                Gauge.builder(name, this, b -> b.value(key))
                        .tags(tags)
                        .description(m.help())
                        .baseUnit(unit)
                        .register(registry);
            }
        }
    }

    private synchronized double value(String key) {
        long now = System.nanoTime();
        if (values.isEmpty() || now - takenAt > SNAPSHOT_TTL_NANOS) {
            Map<String, Double> fresh = new HashMap<>();
            for (Metric m : view.snapshot()) {
                fresh.put(m.key(), m.value());
            }
            values = fresh;
            takenAt = now;
        }
        return values.getOrDefault(key, 0.0);
    }

    /** {@code certgate_requests_total} → {@code certgate.requests}: Prometheus adds the suffixes back. */
    static String micrometerName(String name) {
        String n = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
        n = n.endsWith("_seconds") ? n.substring(0, n.length() - "_seconds".length()) : n;
        return n.replace('_', '.');
    }

    private static boolean inSeconds(String name) {
        return name.endsWith("_seconds") || name.endsWith("_seconds_total");
    }
}
