package dev.certgate.revocation.crl;

import dev.certgate.revocation.internal.Backoff;
import dev.certgate.revocation.internal.HttpFetch;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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

    CrlSource(URI location, CrlSettings settings, CrlSigners signers, Clock clock) {
        this.location = location;
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
        return new dev.certgate.revocation.RevocationSourceStatus("crl", location.toString(),
                crl == null ? null : crl.thisUpdate(), crl == null ? null : crl.nextUpdate(),
                crl == null ? 0 : crl.index().size(), 0, 0, 0, problem);
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

    /** A verified path presents issuer: verify a CRL that waited for it. */
    void offerSigner(X509Certificate issuer) {
        ParsedCrl waiting = pending;
        if (waiting != null && waiting.issuer.equals(issuer.getSubjectX500Principal())) {
            synchronized (this) {
                if (pending == waiting) {
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
            LOG.log(System.Logger.Level.WARNING, problem + (current != null ? " (keeping the CRL of " + current.thisUpdate() + ")" : ""));
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
        if (crl != null && crl.nextUpdate() != null) {
            Duration untilNext = Duration.between(clock.instant(), crl.nextUpdate());
            Duration validity = Duration.between(crl.thisUpdate(), crl.nextUpdate());
            long margin = Math.min(validity.toMillis() / 10, Duration.ofMinutes(5).toMillis());
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
                HttpFetch.Response response = http.get(location,
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

    /** Verifies and installs a CRL, or parks it until its signer is known. */
    private void accept(ParsedCrl crl) throws CrlException {
        CrlVerifier.checkUsable(crl);
        VerifiedCrl inUse = current;
        if (inUse != null && crl.thisUpdate.isBefore(inUse.thisUpdate())) {
            throw new CrlException("older than the CRL in use (thisUpdate " + crl.thisUpdate + " < " + inUse.thisUpdate() + ")");
        }
        X509Certificate signer = CrlVerifier.findSigner(crl, signers.named(crl.issuer));
        if (signer == null) {
            if (signers.named(crl.issuer).isEmpty()) {
                pending = crl;
                problem = "CRL from " + location + " waits for its issuer " + crl.issuer.getName() + " to be known";
                // Until a client presents that CA the CRL answers UNKNOWN (blocking under hard-fail).
                LOG.log(System.Logger.Level.WARNING, problem + ": its certificates answer UNKNOWN until a client"
                        + " presents that CA; list the CA certificate in crl.signers to verify the CRL at start-up");
                return;
            }
            throw new CrlException("signature not valid or signer not authorised for " + crl.issuer.getName());
        }
        CrlIndex index = CrlIndexBuilder.build(crl);
        current = new VerifiedCrl(location.toString(), crl.issuer, crl.thisUpdate, crl.nextUpdate,
                crl.extensions.issuingDistributionPoint(), index);
        pending = null;
        problem = "no problem";
        LOG.log(System.Logger.Level.DEBUG, "CRL from {0}: {1} entries, thisUpdate {2}", location, index.size(), crl.thisUpdate);
    }

    @Override
    public String toString() {
        return location.toString();
    }
}
