package dev.certgate.internal.ops;

import dev.certgate.ops.Metric;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Exports the metrics view to Micrometer and OpenTelemetry when the application has them on the
 * class path — found by name, never required: the bridge classes (which link against those APIs)
 * are loaded only after their API was found. Meters read one shared snapshot at most once a second.
 */
final class MetricsBridges implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.certgate");
    private static final long SNAPSHOT_TTL_NANOS = 1_000_000_000L;

    /** One bridge: told when the set of metrics may have changed (a reload), closed with the filter. */
    interface Bridge extends AutoCloseable {
        void refresh();

        @Override
        void close();
    }

    private final List<Bridge> bridges;

    private MetricsBridges(List<Bridge> bridges) {
        this.bridges = bridges;
    }

    static MetricsBridges start(GateMetrics metrics, boolean micrometer, boolean openTelemetry) {
        Snapshots snapshots = new Snapshots(metrics);
        List<Bridge> bridges = new ArrayList<>();
        if (micrometer) {
            start(
                    "io.micrometer.core.instrument.Metrics",
                    "dev.certgate.internal.ops.MicrometerBridge",
                    snapshots,
                    bridges);
        }
        if (openTelemetry) {
            start(
                    "io.opentelemetry.api.GlobalOpenTelemetry",
                    "dev.certgate.internal.ops.OpenTelemetryBridge",
                    snapshots,
                    bridges);
        }
        return new MetricsBridges(List.copyOf(bridges));
    }

    private static void start(String api, String bridge, Snapshots snapshots, List<Bridge> out) {
        ClassLoader loader = MetricsBridges.class.getClassLoader();
        try {
            Class.forName(api, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return; // not on the class path: nothing to export to
        }
        try {
            Bridge b = (Bridge) Class.forName(bridge, true, loader)
                    .getDeclaredConstructor(Snapshots.class)
                    .newInstance(snapshots);
            out.add(b);
            LOG.log(Level.INFO, () -> "certgate: metrics exported through " + api.substring(0, api.lastIndexOf('.')));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "certgate: metrics not exported through " + api + ": " + e);
        }
    }

    void refresh() {
        for (Bridge b : bridges) {
            try {
                b.refresh();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "certgate: metrics bridge refresh failed: " + e);
            }
        }
    }

    int size() {
        return bridges.size();
    }

    @Override
    public void close() {
        bridges.forEach(Bridge::close);
    }

    /** The metrics view's snapshot, shared by every meter and kept for a second. */
    static final class Snapshots {
        private final GateMetrics metrics;
        private final AtomicReference<Taken> last = new AtomicReference<>();

        Snapshots(GateMetrics metrics) {
            this.metrics = metrics;
        }

        private record Taken(long at, List<Metric> all, Map<String, Metric> byKey) {}

        private Taken taken() {
            Taken t = last.get();
            long now = System.nanoTime();
            if (t == null || now - t.at() > SNAPSHOT_TTL_NANOS) {
                List<Metric> all = metrics.snapshot();
                Map<String, Metric> byKey = new java.util.HashMap<>();
                all.forEach(m -> byKey.put(m.key(), m));
                t = new Taken(now, all, byKey);
                last.set(t);
            }
            return t;
        }

        List<Metric> all() {
            return taken().all();
        }

        /** The value of the metric with that key now; 0 when it is gone (its group was removed). */
        double value(String key) {
            Metric m = taken().byKey().get(key);
            return m == null ? 0 : m.value();
        }

        void invalidate() {
            last.set(null);
        }
    }

    /** {@code certgate_crl_age_seconds} → {@code certgate.crl.age}; counters lose {@code _total}. */
    static String dottedName(String name) {
        String n = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
        n = n.endsWith("_seconds") ? n.substring(0, n.length() - "_seconds".length()) : n;
        return n.replace('_', '.');
    }

    static boolean inSeconds(String name) {
        return name.endsWith("_seconds") || name.endsWith("_seconds_total");
    }
}
