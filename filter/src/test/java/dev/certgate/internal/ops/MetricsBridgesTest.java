package dev.certgate.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.certgate.testing.TestCa;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics view through Micrometer and OpenTelemetry, both on this test class path. */
class MetricsBridgesTest {
    private static final TestCa CA = TestCa.root("CN=bridges CA");

    @TempDir
    Path dir;

    private OpsServer start() throws Exception {
        Path pem = CA.writePem(dir.resolve("ca.pem"));
        return new OpsServer(Map.of(
                "certgate.hosts",
                "api",
                "certgate.host.api.names",
                "api.test",
                "certgate.host.api.trust",
                pem.toString(),
                "certgate.reload.interval",
                "off",
                "certgate.jmx.enabled",
                "false"));
    }

    @Test
    void micrometerMetersFollowTheView() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try (OpsServer server = start()) {
            assertEquals(403, server.status("api.test", "", "/x"));
            assertEquals(403, server.status("api.test", "", "/x"));
            Thread.sleep(1100); // meters share a snapshot of at most a second's age

            FunctionCounter blocked = registry.get("certgate.requests")
                    .tags("group", "api", "outcome", "blocked")
                    .functionCounter();
            assertEquals(2.0, blocked.count());
            assertEquals(1.0, registry.get("certgate.policy.version").gauge().value());

            System.setProperty("certgate.hosts", "api,admin");
            System.setProperty("certgate.host.admin.names", "admin.test");
            System.setProperty(
                    "certgate.host.admin.trust", dir.resolve("ca.pem").toString());
            try {
                server.ops().reload("test");
            } finally {
                System.clearProperty("certgate.hosts");
                System.clearProperty("certgate.host.admin.names");
                System.clearProperty("certgate.host.admin.trust");
            }
            assertEquals(403, server.status("admin.test", "", "/x"));
            Thread.sleep(1100);
            assertEquals(
                    1.0,
                    registry.get("certgate.requests")
                            .tags("group", "admin", "outcome", "blocked")
                            .functionCounter()
                            .count(),
                    "a group added by a reload gets its meters");
            assertEquals(2.0, blocked.count(), "still counted after the reload");
        } finally {
            Metrics.removeRegistry(registry);
        }
        assertNull(registry.find("certgate.requests").functionCounter(), "removed when the filter stops");
    }

    @Test
    void openTelemetryInstrumentsReadTheView() throws Exception {
        PullReader reader = new PullReader();
        SdkMeterProvider provider =
                SdkMeterProvider.builder().registerMetricReader(reader).build();
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(
                OpenTelemetrySdk.builder().setMeterProvider(provider).build());
        try (OpsServer server = start()) {
            assertEquals(403, server.status("api.test", "", "/x"));
            Thread.sleep(1100);

            Collection<MetricData> data = reader.registration.collectAllMetrics();

            MetricData requests = data.stream()
                    .filter(m -> m.getName().equals("certgate.requests"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no certgate.requests in " + data));
            double blocked = requests.getDoubleSumData().getPoints().stream()
                    .filter(p -> "api".equals(p.getAttributes().get(AttributeKey.stringKey("group")))
                            && "blocked".equals(p.getAttributes().get(AttributeKey.stringKey("outcome"))))
                    .findFirst()
                    .orElseThrow()
                    .getValue();
            assertEquals(1.0, blocked);
            assertEquals(true, requests.getDoubleSumData().isMonotonic());
        } finally {
            provider.close();
            GlobalOpenTelemetry.resetForTest();
        }
    }

    /** Collects on demand, like a Prometheus scrape. */
    private static final class PullReader implements MetricReader {
        volatile CollectionRegistration registration = CollectionRegistration.noop();

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
