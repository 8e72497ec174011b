package dev.certgate.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.certgate.policy.HostGroup;
import dev.certgate.policy.Rule;

/**
 * certgate's meters, read from the policy's own counters when scraped (nothing is counted twice):
 * <ul>
 * <li>{@code certgate.rule.matches} (counter; tags {@code host.group}, {@code rule}, {@code action}):
 *     how often each rule matched, i.e. the decisions by group, rule and action;</li>
 * <li>{@code certgate.trust.anchor.expiry} (gauge, seconds; tags {@code host.group}, {@code anchor}):
 *     time until each trust anchor expires, negative once expired, named after Boot's
 *     {@code ssl.chain.expiry};</li>
 * <li>{@code certgate.revocation.soft.failures} (counter; tag {@code host.group}): revocation checks
 *     that could not answer and were let through under soft-fail.</li>
 * </ul>
 */
final class CertGateMetrics implements MeterBinder {
    private final PolicyView view;
    private final Clock clock;

    CertGateMetrics(PolicyView view, Clock clock) {
        this.view = view;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (HostGroup group : view.groups()) {
            for (Rule rule : PolicyView.ownRules(group, view.isFallback(group))) {
                FunctionCounter.builder("certgate.rule.matches", rule, Rule::matchCount)
                        .description("Requests a certgate rule matched")
                        .tag("host.group", group.id())
                        .tag("rule", rule.id())
                        .tag("action", rule.action().configName())
                        .register(registry);
            }
            for (X509Certificate anchor : PolicyView.anchors(group)) {
                Gauge.builder("certgate.trust.anchor.expiry", anchor,
                                a -> (a.getNotAfter().getTime() - clock.millis()) / 1000.0)
                        .description("Time until a certgate trust anchor expires")
                        .baseUnit("seconds")
                        .tag("host.group", group.id())
                        .tag("anchor", PolicyView.subject(anchor))
                        .register(registry);
            }
            if (group.certificates() != null && group.certificates().revocation().enabled()) {
                FunctionCounter.builder("certgate.revocation.soft.failures", group.certificates().revocation(),
                                r -> r.softFailures())
                        .description("Revocation checks without an answer let through under soft-fail")
                        .tag("host.group", group.id())
                        .register(registry);
            }
        }
    }
}
