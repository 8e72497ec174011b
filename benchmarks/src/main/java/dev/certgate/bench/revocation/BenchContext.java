package dev.certgate.bench.revocation;

import dev.certgate.revocation.CheckerContext;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A CheckerContext over a map, as the filter would give a checker. */
record BenchContext(Map<String, String> settings, List<X509Certificate> trustAnchors) implements CheckerContext {

    static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-revocation");
        t.setDaemon(true);
        return t;
    });

    @Override
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    @Override
    public String propertyName(String key) {
        return "certgate.revocation.bench." + key;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return SCHEDULER;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }
}
