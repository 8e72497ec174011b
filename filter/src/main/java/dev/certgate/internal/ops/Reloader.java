package dev.certgate.internal.ops;

import dev.certgate.internal.config.Carryover;
import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.config.FileStamps;
import dev.certgate.internal.config.PolicyLoader;
import dev.certgate.internal.config.PropertySource;
import dev.certgate.internal.policy.Policy;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Re-reads the configuration sources and the files they name, and when anything changed builds a
 * complete new policy through the same {@link PolicyLoader} as the start-up, with the same
 * validation. A valid one is swapped in; an invalid one is refused with the property and message,
 * and the running policy keeps serving. Serial: one reload at a time.
 */
final class Reloader {
    private static final Logger LOG = System.getLogger("dev.certgate");
    private static final int KEPT_ERRORS = 10;

    /** What a successful reload hands on: the policy, its settings and the one it replaced. */
    interface Installer {
        void install(Policy next, OpsSettings settings, Policy replaced);
    }

    /** The outcome of one reload attempt. */
    enum Outcome {
        RELOADED,
        UNCHANGED,
        FAILED
    }

    private final Supplier<PropertySource> opener;
    private final ClassLoader classLoader;
    private final Clock clock;
    private final Set<String> extraKeys;
    private final PolicyHolder holder;
    private final Installer installer;
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final ArrayDeque<ReloadError> errors = new ArrayDeque<>();

    // Guarded by this.
    private Carryover carryover;
    private String fingerprint;

    Reloader(
            Supplier<PropertySource> opener,
            ClassLoader classLoader,
            Clock clock,
            Set<String> extraKeys,
            PolicyHolder holder,
            Carryover carryover,
            String fingerprint,
            Installer installer) {
        this.opener = opener;
        this.classLoader = classLoader;
        this.clock = clock;
        this.extraKeys = Set.copyOf(extraKeys);
        this.holder = holder;
        this.carryover = carryover;
        this.fingerprint = fingerprint;
        this.installer = installer;
    }

    /**
     * Checks for changes and reloads if there are any (or always, when {@code force}).
     *
     * @param trigger what asked, for the log and the status page
     */
    synchronized Outcome reload(String trigger, boolean force) {
        PropertySource source;
        String now;
        try {
            source = opener.get();
            now = fingerprint(source);
        } catch (RuntimeException e) {
            return refuse(trigger, "(configuration sources)", "cannot be read: " + e, null);
        }
        if (!force && now.equals(fingerprint)) {
            return Outcome.UNCHANGED;
        }
        fingerprint = now; // a refused change is reported once, not at every check
        PolicyLoader.Loaded loaded;
        OpsSettings settings;
        try {
            settings = OpsSettings.read(source);
            loaded = PolicyLoader.load(source, classLoader, clock, extraKeys, carryover);
        } catch (ConfigException e) {
            return refuse(trigger, e.property(), e.getMessage(), e);
        } catch (RuntimeException e) {
            return refuse(trigger, "(internal)", "reload failed: " + e, e);
        }
        carryover = loaded.carryover();
        Policy replaced = holder.swap(loaded.policy(), clock.instant());
        ok.increment();
        installer.install(loaded.policy(), settings, replaced);
        long version = holder.loaded().version();
        LOG.log(
                Level.INFO,
                () -> "certgate: reloaded (" + trigger + "): policy version " + version + ", "
                        + loaded.policy().groups().size() + " host group(s), "
                        + loaded.policy().allRules().size()
                        + " rule(s)");
        return Outcome.RELOADED;
    }

    private Outcome refuse(String trigger, String property, String message, Exception cause) {
        failed.increment();
        ReloadError error = new ReloadError(clock.instant(), trigger, property, message);
        synchronized (errors) {
            if (errors.size() == KEPT_ERRORS) {
                errors.removeFirst();
            }
            errors.addLast(error);
        }
        String text = "certgate: reload refused (" + trigger + "), the running policy version "
                + holder.loaded().version() + " stays: " + message;
        if (cause instanceof ConfigException || cause == null) {
            LOG.log(Level.ERROR, text);
        } else {
            LOG.log(Level.ERROR, text, cause);
        }
        return Outcome.FAILED;
    }

    long succeeded() {
        return ok.sum();
    }

    long refused() {
        return failed.sum();
    }

    /** The last refused reloads, newest first (at most 10). */
    List<ReloadError> errors() {
        synchronized (errors) {
            List<ReloadError> list = new ArrayList<>(errors);
            java.util.Collections.reverse(list);
            return list;
        }
    }

    /**
     * What the configuration looks like: every {@code certgate.*} property (in any source's
     * spelling) with its value, and the stamps of every file a value names (CA bundles, CRL files).
     */
    static String fingerprint(PropertySource source) {
        Map<String, String> values = new TreeMap<>();
        for (String name : source.names()) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("certgate.") || lower.startsWith("certgate_")) {
                source.get(name).ifPresent(v -> values.put(name, v));
            }
        }
        return values + "\n" + FileStamps.of(values.values());
    }
}
