package dev.certgate.internal.ops;

import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.config.PolicyLoader;
import dev.certgate.internal.config.PropertySource;
import dev.certgate.internal.policy.Policy;
import dev.certgate.internal.settings.Keys;
import dev.certgate.ops.DecisionEventSink;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Running certgate: the policy holder, hot reload, the metrics view, decision events, expiry
 * warnings, JMX and the status page, wired once per filter. Every container integration goes
 * through this one object (published as the servlet-context attribute {@link #ATTRIBUTE}).
 */
public final class Operations implements AutoCloseable {
    /** Servlet-context attribute under which the running {@code Operations} is published. */
    public static final String ATTRIBUTE = "dev.certgate.operations";
    /** Servlet-context attribute holding the running {@code Policy}, replaced on every reload (internal). */
    public static final String POLICY_ATTRIBUTE = "dev.certgate.policy";

    private static final Logger LOG = System.getLogger("dev.certgate");
    /** How long a replaced policy stays open for the requests that started on it. */
    static final Duration RETIRE_AFTER = Duration.ofSeconds(30);

    private final PolicyHolder holder;
    private final Reloader reloader;
    private final GateMetrics metrics;
    private final DecisionEvents events;
    private final ExpiryWatch expiry;
    private final StatusPage status;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Consumer<Policy> onSwap;
    private final Set<Policy> retiring = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile OpsSettings settings;
    private volatile boolean closed;
    private volatile JmxExport jmx;
    private volatile MetricsBridges bridges;

    private Operations(
            PolicyLoader.Loaded first,
            PropertySource source,
            OpsSettings settings,
            Supplier<PropertySource> opener,
            ClassLoader classLoader,
            Clock clock,
            Set<String> extraKeys,
            Consumer<Policy> onSwap) {
        this.settings = settings;
        this.onSwap = onSwap;
        this.holder = new PolicyHolder(first.policy(), clock.instant());
        this.expiry = new ExpiryWatch(clock);
        this.events = new DecisionEvents(clock, settings.events(), sinks(classLoader));
        this.reloader = new Reloader(
                opener,
                classLoader,
                clock,
                extraKeys,
                holder,
                first.carryover(),
                Reloader.fingerprint(source),
                this::install);
        this.metrics = new GateMetrics(holder, clock, reloader, events, expiry);
        this.status = new StatusPage(this, clock);
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "certgate-ops");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * Loads the first policy (a bad configuration throws, naming the property) and starts the
     * background work: reload checks, event summaries, daily expiry checks, JMX.
     *
     * @param opener     opens the configuration sources afresh, for every reload check
     * @param extraKeys  keys the caller reads itself (not "unknown")
     * @param onSwap     told about every newly installed policy
     */
    public static Operations start(
            Supplier<PropertySource> opener,
            ClassLoader classLoader,
            Clock clock,
            Set<String> extraKeys,
            Consumer<Policy> onSwap)
            throws ConfigException {
        PropertySource source = opener.get();
        OpsSettings settings = OpsSettings.read(source);
        Set<String> keys = new HashSet<>(extraKeys);
        PolicyLoader.Loaded first =
                PolicyLoader.load(source, classLoader, clock, keys, dev.certgate.internal.config.Carryover.none());
        Operations ops = new Operations(first, source, settings, opener, classLoader, clock, keys, onSwap);
        ops.begin();
        return ops;
    }

    private void begin() {
        OpsSettings s = settings;
        expiry.check(holder.current(), s.expiryWindow(), s.countClients(), "start-up");
        if (s.jmx()) {
            jmx = JmxExport.register(this);
        }
        bridges = MetricsBridges.start(metrics, s.micrometer(), s.openTelemetry());
        scheduleReloadCheck();
        scheduleSummary();
        scheduler.scheduleWithFixedDelay(
                () -> {
                    OpsSettings now = settings;
                    expiry.check(holder.current(), now.expiryWindow(), now.countClients(), "daily");
                },
                1,
                1,
                TimeUnit.DAYS);
        Duration interval = s.reloadInterval();
        LOG.log(
                Level.INFO,
                () -> "certgate: "
                        + (interval.isZero()
                                ? "hot reload off (" + Keys.RELOAD_INTERVAL.name()
                                        + "=off); reload on demand through JMX"
                                : "checking the configuration and its files for changes every " + interval.toSeconds()
                                        + " s (" + Keys.RELOAD_INTERVAL.name() + ")")
                        + (s.statusEnabled()
                                ? "; status page at " + s.statusPath() + " for requests matching "
                                        + Keys.STATUS_RULE.name()
                                : ""));
    }

    private void scheduleReloadCheck() {
        Duration interval = settings.reloadInterval();
        long millis = interval.isZero() ? 5_000 : interval.toMillis();
        schedule(
                () -> {
                    if (!settings.reloadInterval().isZero()) {
                        reloader.reload("interval", false);
                    }
                    scheduleReloadCheck();
                },
                millis);
    }

    private void scheduleSummary() {
        schedule(
                () -> {
                    events.summarize();
                    MetricsBridges b = bridges;
                    if (b != null) {
                        b.refresh();
                    }
                    scheduleSummary();
                },
                settings.events().windowMillis());
    }

    private void schedule(Runnable task, long millis) {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(
                    () -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            LOG.log(Level.ERROR, "certgate: background task failed", e);
                        }
                    },
                    millis,
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void install(Policy next, OpsSettings nextSettings, Policy replaced) {
        settings = nextSettings;
        events.limits(nextSettings.events());
        metrics.retiring(replaced);
        retiring.add(replaced);
        onSwap.accept(next);
        expiry.check(next, nextSettings.expiryWindow(), nextSettings.countClients(), "reload");
        MetricsBridges b = bridges;
        if (b != null) {
            b.refresh(); // new groups and rules get their meters
        }
        schedule(() -> retire(replaced), RETIRE_AFTER.toMillis());
    }

    private void retire(Policy replaced) {
        if (retiring.remove(replaced)) {
            replaced.close();
            metrics.closed(replaced);
        }
    }

    /** The policy for the next request. */
    public Policy policy() {
        return holder.current();
    }

    public PolicyHolder holder() {
        return holder;
    }

    /** The read-only metrics view. */
    public GateMetrics metrics() {
        return metrics;
    }

    public DecisionEvents events() {
        return events;
    }

    public OpsSettings settings() {
        return settings;
    }

    public StatusPage status() {
        return status;
    }

    /** The result of an on-demand reload: what happened and, when refused, why. */
    public record ReloadResult(String outcome, long version, ReloadError error) {}

    /** Reloads now (even when nothing seems changed): JMX, the status page, tests. */
    public ReloadResult reload(String trigger) {
        return reload(trigger, true);
    }

    /** Checks for changes and reloads only if there are any (what the interval does). */
    public ReloadResult reloadIfChanged(String trigger) {
        return reload(trigger, false);
    }

    private ReloadResult reload(String trigger, boolean evenIfUnchanged) {
        Reloader.Outcome o = reloader.reload(trigger, evenIfUnchanged);
        List<ReloadError> errors = reloader.errors();
        return new ReloadResult(
                o.name().toLowerCase(java.util.Locale.ROOT),
                holder.loaded().version(),
                o == Reloader.Outcome.FAILED && !errors.isEmpty() ? errors.get(0) : null);
    }

    /** The last refused reloads, newest first. */
    public List<ReloadError> reloadErrors() {
        return reloader.errors();
    }

    /** The JMX name of this filter's MBean, or null when not registered. */
    public javax.management.ObjectName jmxName() {
        JmxExport j = jmx;
        return j == null ? null : j.name();
    }

    /** The last expiry check. */
    ExpiryWatch.Report expiryReport() {
        return expiry.last();
    }

    /** Stops background work and closes the running and replaced policies. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        if (jmx != null) {
            jmx.unregister();
        }
        if (bridges != null) {
            bridges.close();
        }
        for (Policy p : new ArrayList<>(retiring)) {
            retire(p);
        }
        holder.current().close();
    }

    private static List<DecisionEventSink> sinks(ClassLoader classLoader) {
        List<DecisionEventSink> sinks = new ArrayList<>();
        try {
            ServiceLoader.load(
                            DecisionEventSink.class,
                            classLoader != null ? classLoader : Operations.class.getClassLoader())
                    .forEach(sinks::add);
        } catch (java.util.ServiceConfigurationError e) {
            LOG.log(Level.ERROR, "certgate: a decision event sink cannot be loaded: " + e.getMessage());
        }
        return sinks;
    }
}
