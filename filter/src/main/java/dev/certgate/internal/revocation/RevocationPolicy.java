package dev.certgate.internal.revocation;

import dev.certgate.internal.settings.Keys;
import dev.certgate.internal.settings.SettingReader;
import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationCheckerProvider;
import dev.certgate.revocation.RevocationConfigException;
import dev.certgate.revocation.RevocationSourceStatus;
import dev.certgate.revocation.RevocationStatus;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The revocation checking of one host group: which checkers, in which order, for which
 * certificates of the path, and what UNKNOWN means. Built once from settings; immutable and
 * thread-safe; {@link #check} never throws and never blocks on the network when the checkers
 * have fresh answers.
 *
 * <p>Settings (relative to the revocation prefix): {@code checkers} (comma list of provider
 * names in order, e.g. {@code ocsp,crl}; absent or {@code none} = off), {@code scope}
 * ({@code chain} | {@code leaf}, default chain), {@code failure} ({@code hard} | {@code soft},
 * default hard), and the checkers' own settings under {@code <name>.}.
 */
public final class RevocationPolicy implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RevocationPolicy.class.getName());
    private static final long WARNING_INTERVAL_NANOS = 10_000_000_000L;
    private static final RevocationPolicy NONE = new RevocationPolicy(null, false, false);

    private final CompositeChecker checker;
    private final boolean leafOnly;
    private final boolean hardFail;
    private final AtomicLong softFailures = new AtomicLong();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final AtomicLong lastWarningNanos = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

    private RevocationPolicy(CompositeChecker checker, boolean leafOnly, boolean hardFail) {
        this.checker = checker;
        this.leafOnly = leafOnly;
        this.hardFail = hardFail;
    }

    /** No revocation checking: every result is UNCHECKED, revoked() false. */
    public static RevocationPolicy none() {
        return NONE;
    }

    /**
     * Builds the policy. Reads all settings now; checkers may load their sources now (files,
     * first CRL downloads) and schedule background refresh on scheduler.
     *
     * @param settings keys relative to the revocation prefix, e.g. "checkers", "crl.sources"
     * @throws RevocationConfigException on an unknown checker name or an invalid setting; the
     *     message names the property
     */
    public static RevocationPolicy create(
            Settings settings, List<X509Certificate> trustAnchors, ScheduledExecutorService scheduler, Clock clock)
            throws RevocationConfigException {
        SettingReader<RevocationConfigException> reader = new SettingReader<>(
                Keys.REVOCATION_PREFIX, settings::get, settings::propertyName, RevocationConfigException::of);
        List<String> names = reader.list(Keys.REVOCATION_CHECKERS);
        if (names.isEmpty() || names.equals(List.of("none"))) {
            return NONE;
        }
        boolean leafOnly = reader.choice(Keys.REVOCATION_SCOPE).equals("leaf");
        boolean hardFail = reader.choice(Keys.REVOCATION_FAILURE).equals("hard");
        List<CompositeChecker.Named> checkers = new ArrayList<>();
        try {
            for (String name : names) {
                if (checkers.stream().anyMatch(c -> c.name().equals(name))) {
                    throw RevocationConfigException.of(
                            settings.propertyName("checkers"), "'" + name + "' is listed twice");
                }
                RevocationCheckerProvider provider = Providers.find(name)
                        .orElseThrow(() -> RevocationConfigException.of(
                                settings.propertyName("checkers"),
                                "no revocation checker named '" + name + "' (known: "
                                        + String.join(", ", Providers.names()) + ")"));
                CheckerContext context =
                        new PrefixedContext(settings, name + ".", List.copyOf(trustAnchors), scheduler, clock);
                checkers.add(new CompositeChecker.Named(name, provider.create(context)));
            }
        } catch (RevocationConfigException | RuntimeException e) {
            checkers.forEach(c -> CompositeChecker.closeQuietly(c.checker()));
            throw e;
        }
        return new RevocationPolicy(new CompositeChecker(checkers), leafOnly, hardFail);
    }

    /** True unless this is {@link #none()}. */
    public boolean enabled() {
        return checker != null;
    }

    /**
     * Checks a verified path: leaf first, each next element the issuer of the previous, last = the
     * trust anchor (never checked itself). Never throws.
     */
    public RevocationResult check(List<X509Certificate> path, Instant now) {
        if (checker == null) {
            return RevocationResult.unchecked();
        }
        if (path == null || path.size() < 2) {
            return RevocationResult.of(
                    RevocationResult.Status.GOOD, false, "nothing to check: the path holds only the trust anchor");
        }
        int last = leafOnly ? 1 : path.size() - 1;
        String firstUnknown = null;
        String leafSource = "";
        for (int i = 0; i < last; i++) {
            X509Certificate cert = path.get(i);
            RevocationStatus status = checker.check(path, i, now);
            count(status);
            if (i == 0) {
                leafSource = status.source().orElse("");
            }
            if (status.isRevoked()) {
                return RevocationResult.of(
                        RevocationResult.Status.REVOKED,
                        true,
                        describe(i, cert) + " is revoked: "
                                + status.reason().orElseThrow() + " since "
                                + status.revokedAt().orElseThrow()
                                + " (" + status.source().orElseThrow() + ")",
                        status.source().orElseThrow());
            }
            if (status.isUnknown() && firstUnknown == null) {
                firstUnknown = describe(i, cert) + ": revocation status unknown: "
                        + status.cause().orElseThrow();
            }
        }
        if (firstUnknown == null) {
            return RevocationResult.of(
                    RevocationResult.Status.GOOD,
                    false,
                    leafOnly ? "leaf certificate not revoked" : "no certificate of the path is revoked",
                    leafSource);
        }
        if (!hardFail) {
            warnSoftFail(firstUnknown);
        }
        return RevocationResult.of(RevocationResult.Status.UNKNOWN, hardFail, firstUnknown, leafSource);
    }

    /**
     * Answers of the checkers since this policy was built, by status ({@code good}, {@code revoked},
     * {@code unknown}) and source kind ({@code crl}, {@code ocsp}, another checker's first word, or
     * {@code none} when no checker could answer): bounded labels, never a URL or a serial.
     */
    public Map<String, Long> answers() {
        Map<String, Long> out = new TreeMap<>();
        answers.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private void count(RevocationStatus status) {
        String kind = status.source().map(RevocationPolicy::kindOf).orElse("none");
        String key = (status.isRevoked() ? "revoked" : status.isUnknown() ? "unknown" : "good") + "/" + kind;
        answers.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static String kindOf(String source) {
        int space = source.indexOf(' ');
        String kind = space < 0 ? source : source.substring(0, space);
        return kind.length() <= 16 && kind.chars().allMatch(c -> c >= 'a' && c <= 'z') ? kind : "other";
    }

    /** How many UNKNOWN results soft-fail has let through since start-up. */
    public long softFailures() {
        return softFailures.get();
    }

    /** Certificates configured to sign CRLs or OCSP responses (not the trust anchors), for expiry warnings. */
    public List<X509Certificate> signers() {
        return checker == null ? List.of() : checker.signers();
    }

    /** The checkers' sources now: CRLs with their dates and sizes, OCSP request counts. */
    public List<RevocationSourceStatus> sources() {
        return checker == null ? List.of() : checker.sources();
    }

    /** Stops the checkers' background work. */
    @Override
    public void close() {
        if (checker != null) {
            checker.close();
        }
    }

    private void warnSoftFail(String detail) {
        long count = softFailures.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarningNanos.get();
        // At most one line per interval: an outage must not flood the log.
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarningNanos.compareAndSet(last, now)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "soft-fail: accepting a certificate whose revocation status is unknown ({0} so far): {1}",
                    count,
                    detail);
        }
    }

    private static String describe(int index, X509Certificate cert) {
        String role = index == 0 ? "certificate" : "CA certificate";
        return role + " serial " + cert.getSerialNumber().toString(16) + " ("
                + cert.getSubjectX500Principal().getName() + ")";
    }

    /** CheckerContext over the policy's settings, keys prefixed with the checker's name. */
    private record PrefixedContext(
            Settings settings,
            String prefix,
            List<X509Certificate> trustAnchors,
            ScheduledExecutorService scheduler,
            Clock clock)
            implements CheckerContext {
        @Override
        public Optional<String> setting(String key) {
            return settings.get(prefix + key);
        }

        @Override
        public String propertyName(String key) {
            return settings.propertyName(prefix + key);
        }
    }
}
