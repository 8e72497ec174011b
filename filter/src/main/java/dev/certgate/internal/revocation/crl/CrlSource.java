package dev.certgate.internal.revocation.crl;

import dev.certgate.internal.revocation.Backoff;
import dev.certgate.internal.revocation.HttpFetch;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One CRL location (file, class path resource or HTTP URL) and the last good CRL read from it.
 * Refreshes itself in the background before nextUpdate (with jitter), with conditional GETs and
 * backoff; a failed or unverifiable download never replaces the CRL in use. A CRL whose signer is
 * not known yet (an intermediate CA not configured) waits, as DER, until a verified path brings
 * its issuer.
 */
final class CrlSource {

    private static final System.Logger LOG = System.getLogger(CrlSource.class.getName());
    private static final Duration MIN_REFRESH_DELAY = Duration.ofSeconds(10);

    private final URI location;
    private final CrlSettings settings;
    private final CrlSigners signers;
    private final Clock clock;
    private final HttpFetch http;
    /** Bumped whenever a source of the checker installs a CRL: memoised signer statuses expire. */
    private final AtomicLong generation;

    private volatile VerifiedCrl current;
    private volatile ParsedCrl pending;
    private volatile String problem = "not loaded yet";

    // Guarded by this.
    private String lastModified;
    private String etag;
    private long fileStamp = Long.MIN_VALUE;
    /** SHA-256 of the DER behind {@link #current}: an unchanged CRL is not parsed and indexed again. */
    private byte[] currentDigest;

    private int failures;
    private boolean attempted;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> next;
    private boolean closed;

    CrlSource(URI location, CrlSettings settings, CrlSigners signers, Clock clock, AtomicLong generation) {
        this.location = location;
        this.generation = generation;
        this.settings = settings;
        this.signers = signers;
        this.clock = clock;
        this.http = new HttpFetch(settings.connectTimeout(), settings.readTimeout(), settings.maxSize());
    }

    URI location() {
        return location;
    }

    /** The CRL in use, or null. */
    VerifiedCrl current() {
        return current;
    }

    /** Why there is no (newer) CRL, for UNKNOWN causes. */
    String problem() {
        return problem;
    }

    /** The CRL in use and the last fetch's outcome, for metrics and the status page. */
    dev.certgate.revocation.RevocationSourceStatus status() {
        VerifiedCrl crl = current;
        return new dev.certgate.revocation.RevocationSourceStatus(
                "crl",
                location.toString(),
                crl == null ? null : crl.thisUpdate,
                crl == null ? null : crl.nextUpdate,
                crl == null ? 0 : crl.index.size(),
                0,
                0,
                0,
                problem);
    }

    /** Loads once if never tried (the first request of a CDP source waits for it). */
    synchronized void loadIfNeverTried() {
        if (!attempted) {
            refreshAndSchedule();
        }
    }

    /** Starts background refresh on scheduler after a first, synchronous load. */
    synchronized void start(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        if (!attempted) {
            refreshAndSchedule();
        }
    }

    synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    /** A CA was learned: a CRL waiting for a signer path tries again. */
    void retryPending() {
        if (pending == null) {
            return;
        }
        synchronized (this) {
            ParsedCrl waiting = pending;
            if (waiting != null) {
                try {
                    accept(waiting);
                } catch (CrlException e) {
                    pending = null;
                    problem = "CRL from " + location + " rejected: " + e.getMessage();
                    LOG.log(System.Logger.Level.WARNING, problem);
                }
            }
        }
    }

    /** One refresh attempt; true when the source now holds a fresh enough verified CRL. */
    synchronized boolean refresh() {
        attempted = true;
        try {
            Optional<byte[]> bytes = fetch();
            if (bytes.isPresent()) {
                byte[] digest = sha256(bytes.get());
                // Servers without conditional GET resend the same CRL: re-indexing it costs CPU for nothing.
                if (current == null || !java.util.Arrays.equals(digest, currentDigest)) {
                    VerifiedCrl before = current;
                    accept(ParsedCrl.parse(bytes.get()));
                    if (current != before) {
                        currentDigest = digest;
                    }
                }
            }
            VerifiedCrl crl = current;
            if (crl == null) {
                return false;
            }
            String stale = crl.freshnessProblem(clock.instant(), settings.clockSkew(), Duration.ZERO);
            if (stale != null) {
                problem = stale;
                return false;
            }
            return true;
        } catch (IOException | CrlException | RuntimeException e) {
            problem = "CRL from " + location + " not loaded: " + e.getMessage();
            LOG.log(
                    System.Logger.Level.WARNING,
                    problem + (current != null ? " (keeping the CRL of " + current.thisUpdate + ")" : ""));
            return false;
        }
    }

    private void refreshAndSchedule() {
        boolean ok = refresh();
        failures = ok ? 0 : failures + 1;
        if (scheduler == null || closed || "classpath".equals(location.getScheme()) && ok) {
            return;
        }
        Duration delay = ok ? delayAfterSuccess() : settings.retry().delay(failures);
        next = scheduler.schedule(this::backgroundRefresh, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void backgroundRefresh() {
        synchronized (this) {
            if (!closed) {
                refreshAndSchedule();
            }
        }
    }

    /** Before nextUpdate, minus a jittered margin (a tenth of the validity, at most 5 minutes). */
    private Duration delayAfterSuccess() {
        Duration delay = settings.refreshInterval();
        VerifiedCrl crl = current;
        if (crl != null && crl.nextUpdate != null) {
            Duration untilNext = Duration.between(clock.instant(), crl.nextUpdate);
            Duration validity = Duration.between(crl.thisUpdate, crl.nextUpdate);
            long margin =
                    Math.min(validity.toMillis() / 10, Duration.ofMinutes(5).toMillis());
            Duration target = untilNext.minusMillis(Backoff.jitter(Math.max(margin, 0)));
            if (target.compareTo(delay) < 0) {
                delay = target;
            }
        }
        return delay.compareTo(MIN_REFRESH_DELAY) < 0 ? MIN_REFRESH_DELAY : delay;
    }

    /** The new bytes, or empty when unchanged since the last accepted ones. */
    private Optional<byte[]> fetch() throws IOException {
        switch (location.getScheme().toLowerCase(java.util.Locale.ROOT)) {
            case "file": {
                Path path = Path.of(location);
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                long stamp = attributes.lastModifiedTime().toMillis() * 31 + attributes.size();
                if (stamp == fileStamp && (current != null || pending != null)) {
                    return Optional.empty();
                }
                if (attributes.size() > settings.maxSize()) {
                    throw new IOException(path + " is larger than the limit of " + settings.maxSize() + " bytes");
                }
                byte[] bytes = Files.readAllBytes(path);
                fileStamp = stamp;
                return Optional.of(bytes);
            }
            case "classpath": {
                String name = location.getSchemeSpecificPart().replaceFirst("^/+", "");
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                InputStream in = loader == null ? null : loader.getResourceAsStream(name);
                if (in == null) {
                    in = CrlSource.class.getClassLoader().getResourceAsStream(name);
                }
                if (in == null) {
                    throw new IOException("no class path resource " + name);
                }
                try (InputStream input = in) {
                    return Optional.of(HttpFetch.readAtMost(input, settings.maxSize(), location.toString()));
                }
            }
            default: {
                boolean haveOne = current != null || pending != null;
                HttpFetch.Response response = http.get(
                        location,
                        haveOne ? Optional.ofNullable(lastModified) : Optional.empty(),
                        haveOne ? Optional.ofNullable(etag) : Optional.empty(),
                        "application/pkix-crl, application/x-pkcs7-crl;q=0.5, */*;q=0.1");
                if (response.notModified()) {
                    return Optional.empty();
                }
                lastModified = response.lastModified();
                etag = response.etag();
                return Optional.of(response.body());
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /**
     * Verifies and installs a CRL, or parks it until a signer path builds (RFC 5280 §6.3.3 (f),
     * (g)): a CRL signed by a key whose certificate is not known yet — an intermediate CA not
     * configured, the other key of a CA rolling over — waits, and is tried again whenever a CA is
     * learned from a verified path.
     */
    private void accept(ParsedCrl crl) throws CrlException {
        CrlVerifier.checkUsable(crl);
        VerifiedCrl inUse = current;
        if (inUse != null && crl.thisUpdate().isBefore(inUse.thisUpdate)) {
            throw new CrlException(
                    "older than the CRL in use (thisUpdate " + crl.thisUpdate() + " < " + inUse.thisUpdate + ")");
        }
        DistributionPoints.Idp idp;
        try {
            idp = crl.extensions().issuingDistributionPoint() == null
                    ? null
                    : DistributionPoints.ofCrl(crl.extensions().issuingDistributionPoint(), crl.issuer());
        } catch (java.io.IOException | RuntimeException e) {
            throw new CrlException("malformed issuing distribution point: " + e.getMessage(), e);
        }
        List<SignerPath> paths = signers.signerPaths(crl, clock.instant());
        if (paths.isEmpty()) {
            boolean known = signers.anyNamed(crl);
            pending = crl;
            problem = known
                    ? "CRL from " + location + ": signature not valid by any known signer of "
                            + crl.issuer().getName() + " with a valid path to a trust anchor (waiting for one)"
                    : "CRL from " + location + " waits for its issuer "
                            + crl.issuer().getName() + " to be known";
            // Until then the CRL answers UNKNOWN (blocking under hard-fail).
            LOG.log(
                    System.Logger.Level.WARNING,
                    problem + ": its certificates answer UNKNOWN until a signer path builds;"
                            + " list the signer's CA certificates in crl.signers to verify the CRL at start-up");
            return;
        }
        CrlIndex index = CrlIndexBuilder.build(crl);
        current = new VerifiedCrl(location.toString(), crl, idp, index, paths);
        pending = null;
        problem = "no problem";
        generation.incrementAndGet();
        LOG.log(
                System.Logger.Level.DEBUG,
                "CRL from {0}: {1} entries, thisUpdate {2}",
                location,
                index.size(),
                crl.thisUpdate());
    }

    @Override
    public String toString() {
        return location.toString();
    }
}
