package dev.certgate.internal.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A bounded cache of verification outcomes per presented chain, so that a keep-alive client costs
 * one path validation, not one per request. A success is reused only inside the validity window of
 * its path; a failure is reused for at most a minute (a not-yet-valid certificate may become valid).
 *
 * @param <V> what is kept next to the outcome (e.g. the certificate facts computed once per chain)
 */
public final class VerificationCache<V> {
    private static final long FAILURE_TTL_MILLIS = 60_000;

    /** Slots of the identity fast path; a power of two, a few per busy keep-alive connection. */
    private static final int RECENT_SLOTS = 256;

    private final int maxEntries;
    private final ConcurrentHashMap<List<X509Certificate>, Entry<V>> entries = new ConcurrentHashMap<>();
    /**
     * Containers hand every request of a TLS session the same certificate objects, so the last
     * entry found for a leaf object is kept in a slot chosen by the leaf's identity: a hit costs a
     * few reference comparisons instead of hashing and comparing the encoded chain. Slots hold
     * immutable {@link Recent} pairs, so racy reads and writes are safe; a collision only falls back
     * to the map.
     */
    @SuppressWarnings("unchecked")
    private final Recent<V>[] recent = new Recent[RECENT_SLOTS];

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public VerificationCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
    }

    /** A cached entry, computed when absent or stale. */
    public Entry<V> get(X509Certificate[] chain, Instant now, Function<X509Certificate[], Entry<V>> compute) {
        return get(chain, now, (c, t) -> compute.apply(c));
    }

    /**
     * A cached entry, computed from the chain and {@code now} when absent or stale: the request
     * path's form, where the caller keeps one {@code compute} for all requests instead of a lambda
     * capturing {@code now} per request.
     */
    public Entry<V> get(
            X509Certificate[] chain, Instant now, BiFunction<X509Certificate[], Instant, Entry<V>> compute) {
        long nowMillis = now.toEpochMilli();
        int slot = System.identityHashCode(chain[0]) & (RECENT_SLOTS - 1);
        Recent<V> r = recent[slot];
        if (r != null && r.sameObjects(chain) && r.entry.usableAt(nowMillis)) {
            hits.increment();
            return r.entry;
        }
        List<X509Certificate> key = Arrays.asList(chain);
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.usableAt(nowMillis)) {
            hits.increment();
        } else {
            misses.increment();
            entry = compute.apply(chain, now);
            if (entries.size() >= maxEntries) {
                evictSome();
            }
            entries.put(entry.key != null ? entry.key : List.copyOf(key), entry);
        }
        recent[slot] = new Recent<>(chain.clone(), entry);
        return entry;
    }

    public int size() {
        return entries.size();
    }

    /** Lookups answered from the cache since it was created. */
    public long hits() {
        return hits.sum();
    }

    /** Lookups that had to verify the chain. */
    public long misses() {
        return misses.sum();
    }

    /** Every entry with the chain it is filed under (a weakly consistent view, for reloads and reports). */
    public void forEach(BiConsumer<List<X509Certificate>, Entry<V>> action) {
        entries.forEach(action);
    }

    /** Files an entry computed elsewhere (a reload carrying a verified chain over), within the bound. */
    public void put(List<X509Certificate> chain, Entry<V> entry) {
        if (entries.size() >= maxEntries) {
            return;
        }
        entries.put(List.copyOf(chain), entry);
    }

    private void evictSome() {
        // Drop about a tenth, in hash order (effectively random): cheap, and bounded.
        int toDrop = Math.max(1, maxEntries / 10);
        Iterator<List<X509Certificate>> it = entries.keySet().iterator();
        while (toDrop-- > 0 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** The presented certificate objects an entry was last found for. */
    private record Recent<V>(X509Certificate[] presented, Entry<V> entry) {
        boolean sameObjects(X509Certificate[] chain) {
            if (chain.length != presented.length) {
                return false;
            }
            for (int i = 0; i < chain.length; i++) {
                if (chain[i] != presented[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** An outcome with the time span in which it may be reused. */
    public static final class Entry<V> {
        private final Verification verification;
        private final V attachment;
        private final long usableFrom;
        private final long usableUntil;
        private final List<X509Certificate> key;

        public Entry(Verification verification, V attachment, Instant computedAt) {
            this(verification, attachment, computedAt, null);
        }

        /**
         * @param key the chain to file the entry under, equal to the presented one (e.g. with shared
         *            instances of its issuer certificates); null files it under a copy of the presented one
         */
        public Entry(Verification verification, V attachment, Instant computedAt, List<X509Certificate> key) {
            this.key = key == null ? null : List.copyOf(key);
            this.verification = verification;
            this.attachment = attachment;
            if (verification.verified()) {
                long from = Long.MIN_VALUE;
                long until = Long.MAX_VALUE;
                List<X509Certificate> path = verification.path();
                // The anchor's own dates do not limit PKIX validation, so they don't limit reuse.
                for (X509Certificate c : path.subList(0, Math.max(1, path.size() - 1))) {
                    from = Math.max(from, c.getNotBefore().getTime());
                    until = Math.min(until, c.getNotAfter().getTime());
                }
                this.usableFrom = from;
                this.usableUntil = until;
            } else {
                this.usableFrom = computedAt.toEpochMilli();
                this.usableUntil = computedAt.toEpochMilli() + FAILURE_TTL_MILLIS;
            }
        }

        /** Whether the outcome may be reused at that instant (milliseconds since the epoch). */
        public boolean usableAt(long nowMillis) {
            return nowMillis >= usableFrom && nowMillis <= usableUntil;
        }

        public Verification verification() {
            return verification;
        }

        public V attachment() {
            return attachment;
        }
    }
}
