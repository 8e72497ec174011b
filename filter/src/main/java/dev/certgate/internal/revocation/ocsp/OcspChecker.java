package dev.certgate.internal.revocation.ocsp;

import dev.certgate.internal.revocation.WorkingKeys;
import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationStatus;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.security.auth.x500.X500Principal;

/**
 * OCSP-based checker with a bounded cache per certificate (issuer name + serial, the issuer's key
 * checked on every hit) kept until nextUpdate, single-flight fetching (concurrent misses for one
 * certificate make one request), a short negative cache for failures, and refresh ahead of
 * nextUpdate, in the background, for certificates that keep being seen.
 */
final class OcspChecker implements RevocationChecker {

    private static final System.Logger LOG = System.getLogger(OcspChecker.class.getName());

    private record Key(BigInteger serial, X500Principal issuer) {}

    /** What is known about one certificate. */
    private static final class Slot {
        final PublicKey issuerKey;
        volatile OcspAnswer answer;
        volatile Instant failedUntil = Instant.MIN;
        volatile String failure;
        volatile long lastSeen;
        CompletableFuture<Object> inFlight; // guarded by this

        Slot(PublicKey issuerKey) {
            this.issuerKey = issuerKey;
        }
    }

    private final OcspSettings settings;
    private final OcspFetcher fetcher;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<Key, Slot> cache = new ConcurrentHashMap<>();
    private final long waitMillis;
    private final java.util.concurrent.atomic.LongAdder requests = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder failures = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder latencyNanos = new java.util.concurrent.atomic.LongAdder();
    private volatile String lastResult = "no request yet";

    OcspChecker(OcspSettings settings, OcspFetcher fetcher, ScheduledExecutorService scheduler, Clock clock) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.scheduler = scheduler;
        this.clock = clock;
        this.waitMillis = settings.connectTimeout()
                .plus(settings.readTimeout())
                .plusSeconds(1)
                .toMillis();
    }

    @Override
    public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant now) {
        return check(certificate, issuer, issuer.getPublicKey(), now);
    }

    /** With the path: the issuer's working key, which may inherit DSA parameters (RFC 5280 §6.1.4 (f)). */
    @Override
    public RevocationStatus check(List<X509Certificate> path, int index, Instant now) {
        return check(path.get(index), path.get(index + 1), WorkingKeys.of(path, index + 1), now);
    }

    private RevocationStatus check(
            X509Certificate certificate, X509Certificate issuer, PublicKey issuerKey, Instant now) {
        Key key = new Key(certificate.getSerialNumber(), certificate.getIssuerX500Principal());
        Slot slot = cache.get(key);
        if (slot == null) {
            evictIfFull(now);
            slot = cache.computeIfAbsent(key, k -> new Slot(issuerKey));
        }
        if (!slot.issuerKey.equals(issuerKey)) {
            // Same issuer name, other key: never share answers between them; ask without caching.
            return fetchUncached(certificate, issuer, issuerKey, now);
        }
        slot.lastSeen = System.nanoTime();
        OcspAnswer answer = slot.answer;
        if (answer != null && !now.isAfter(answer.validUntil().plus(settings.clockSkew()))) {
            if (Duration.between(now, answer.validUntil()).compareTo(settings.refreshAhead()) < 0
                    && settings.fetch()
                    && !now.isBefore(slot.failedUntil)) {
                refreshInBackground(slot, certificate, issuer, issuerKey);
            }
            return answer.status();
        }
        if (now.isBefore(slot.failedUntil)) {
            return RevocationStatus.unknown(slot.failure);
        }
        return awaitFetch(slot, certificate, issuer, issuerKey, now);
    }

    private RevocationStatus awaitFetch(
            Slot slot, X509Certificate certificate, X509Certificate issuer, PublicKey issuerKey, Instant now) {
        CompletableFuture<Object> flight;
        boolean mine = false;
        synchronized (slot) {
            flight = slot.inFlight;
            if (flight == null) {
                flight = new CompletableFuture<>();
                slot.inFlight = flight;
                mine = true;
            }
        }
        if (mine) {
            fetchInto(slot, flight, certificate, issuer, issuerKey, now);
        }
        try {
            Object result = flight.get(waitMillis, TimeUnit.MILLISECONDS);
            return result instanceof OcspAnswer a ? a.status() : RevocationStatus.unknown((String) result);
        } catch (TimeoutException e) {
            return RevocationStatus.unknown("OCSP answer did not arrive in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RevocationStatus.unknown("interrupted while waiting for OCSP");
        } catch (ExecutionException e) {
            return RevocationStatus.unknown("OCSP failed: " + e.getCause());
        }
    }

    /** Runs one fetch; completes flight with an answer or a failure text. */
    private void fetchInto(
            Slot slot,
            CompletableFuture<Object> flight,
            X509Certificate certificate,
            X509Certificate issuer,
            PublicKey issuerKey,
            Instant now) {
        Object result;
        long started = System.nanoTime();
        requests.increment();
        try {
            OcspAnswer answer = fetcher.fetch(certificate, issuer, issuerKey, now);
            slot.answer = answer;
            result = answer;
            lastResult = "ok";
        } catch (OcspException | RuntimeException e) {
            failures.increment();
            String failure = e.getMessage() == null ? e.toString() : e.getMessage();
            lastResult = failure;
            slot.failure = failure;
            slot.failedUntil = clock.instant().plus(settings.failureTtl());
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "OCSP for serial {0}: {1}",
                    certificate.getSerialNumber().toString(16),
                    failure);
            result = failure;
        } finally {
            latencyNanos.add(System.nanoTime() - started);
            synchronized (slot) {
                slot.inFlight = null;
            }
        }
        flight.complete(result);
    }

    private void refreshInBackground(
            Slot slot, X509Certificate certificate, X509Certificate issuer, PublicKey issuerKey) {
        CompletableFuture<Object> flight;
        synchronized (slot) {
            if (slot.inFlight != null) {
                return;
            }
            flight = new CompletableFuture<>();
            slot.inFlight = flight;
        }
        try {
            scheduler.execute(() -> fetchInto(slot, flight, certificate, issuer, issuerKey, clock.instant()));
        } catch (RuntimeException e) {
            synchronized (slot) {
                slot.inFlight = null;
            }
            flight.complete("refresh not scheduled");
        }
    }

    private RevocationStatus fetchUncached(
            X509Certificate certificate, X509Certificate issuer, PublicKey issuerKey, Instant now) {
        long started = System.nanoTime();
        requests.increment();
        try {
            RevocationStatus status =
                    fetcher.fetch(certificate, issuer, issuerKey, now).status();
            lastResult = "ok";
            return status;
        } catch (OcspException e) {
            failures.increment();
            lastResult = e.getMessage();
            return RevocationStatus.unknown(e.getMessage());
        } finally {
            latencyNanos.add(System.nanoTime() - started);
        }
    }

    @Override
    public List<X509Certificate> signers() {
        return fetcher.trustedResponders();
    }

    @Override
    public List<dev.certgate.revocation.RevocationSourceStatus> sources() {
        return List.of(new dev.certgate.revocation.RevocationSourceStatus(
                "ocsp",
                "responders",
                null,
                null,
                cache.size(),
                requests.sum(),
                failures.sum(),
                latencyNanos.sum(),
                lastResult));
    }

    /** Drops expired entries, then the least recently seen, when the cache is full. */
    private void evictIfFull(Instant now) {
        if (cache.size() < settings.cacheMaxEntries()) {
            return;
        }
        cache.entrySet().removeIf(e -> {
            OcspAnswer a = e.getValue().answer;
            return (a == null || now.isAfter(a.validUntil())) && !now.isBefore(e.getValue().failedUntil);
        });
        int excess = cache.size() - settings.cacheMaxEntries() * 3 / 4;
        if (excess > 0) {
            List<Map.Entry<Key, Slot>> entries = new ArrayList<>(cache.entrySet());
            entries.sort(Comparator.comparingLong(e -> e.getValue().lastSeen));
            for (int i = 0; i < excess && i < entries.size(); i++) {
                cache.remove(entries.get(i).getKey());
            }
        }
    }

    int cachedEntries() {
        return cache.size();
    }
}
