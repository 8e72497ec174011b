package dev.certgate.internal.ops;

import dev.certgate.ops.Metric;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The metrics view as OpenTelemetry observable instruments on {@link GlobalOpenTelemetry}'s meter
 * {@code dev.certgate} (what the Java agent, the SDK's autoconfiguration or a MicroProfile Telemetry
 * runtime installs): one instrument per metric name, attributes from the labels, values read at
 * collection. Loaded only when the OpenTelemetry API is on the class path. Until the application
 * (or the agent) has installed its OpenTelemetry, nothing is bound — asking for the global one
 * earlier would fix it to the no-op and make the application's own {@code set} fail — so binding
 * is retried at every refresh (each reload, and once a minute).
 */
final class OpenTelemetryBridge implements MetricsBridges.Bridge {
    private final MetricsBridges.Snapshots snapshots;
    private Meter meter;
    private final Set<String> names = new HashSet<>();
    private final List<AutoCloseable> instruments = new ArrayList<>();

    OpenTelemetryBridge(MetricsBridges.Snapshots snapshots) {
        this.snapshots = snapshots;
        refresh();
    }

    @Override
    public synchronized void refresh() {
        if (meter == null) {
            if (!GlobalOpenTelemetry.isSet()) {
                return;
            }
            meter = GlobalOpenTelemetry.getMeter("dev.certgate");
        }
        snapshots.invalidate();
        for (Metric m : snapshots.all()) {
            String metricName = m.name();
            if (!names.add(metricName)) {
                continue;
            }
            String name = MetricsBridges.dottedName(metricName);
            String unit = MetricsBridges.inSeconds(metricName) ? "s" : "1";
            if (m.type() == Metric.Type.COUNTER) {
                instruments.add(meter.counterBuilder(name)
                        .ofDoubles()
                        .setDescription(m.help())
                        .setUnit(unit)
                        .buildWithCallback(out -> each(metricName, (v, a) -> out.record(v, a))));
            } else {
                instruments.add(meter.gaugeBuilder(name)
                        .setDescription(m.help())
                        .setUnit(unit)
                        .buildWithCallback(out -> each(metricName, (v, a) -> out.record(v, a))));
            }
        }
    }

    private interface Recorder {
        void record(double value, Attributes attributes);
    }

    private void each(String metricName, Recorder recorder) {
        for (Metric m : snapshots.all()) {
            if (m.name().equals(metricName)) {
                AttributesBuilder a = Attributes.builder();
                m.labels().forEach(a::put);
                recorder.record(m.value(), a.build());
            }
        }
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable i : instruments) {
            try {
                i.close();
            } catch (Exception e) {
                // closing an observable instrument only unregisters its callback
            }
        }
        instruments.clear();
        names.clear();
    }
}
