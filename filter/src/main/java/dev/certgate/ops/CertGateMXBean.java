package dev.certgate.ops;

import java.util.Map;

/**
 * certgate over JMX ({@code dev.certgate:type=CertGate,instance=…}): the running policy, the reload
 * outcome, every metric of the metrics view, and a reload on demand.
 */
public interface CertGateMXBean {
    long getPolicyVersion();

    /** ISO-8601 instant the running policy was loaded. */
    String getPolicyLoadedAt();

    long getReloadsOk();

    long getReloadsFailed();

    /** The last refused reload's property and message, empty when none. */
    String getLastReloadError();

    /** Every metric by its key, e.g. {@code certgate_requests_total{group="api",outcome="blocked"}}. */
    Map<String, Double> getMetrics();

    /** Reloads now; answers {@code reloaded, version N} or the refusal with the property and message. */
    String reload();
}
