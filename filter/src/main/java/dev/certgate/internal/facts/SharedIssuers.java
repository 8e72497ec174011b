package dev.certgate.internal.facts;

import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per distinct issuer certificate. Every TLS session parses its own copy of the
 * intermediates a client sends; cached chains would otherwise each keep a copy (a few KB apiece)
 * of the same few CA certificates. Bounded: past the limit, certificates are simply not shared.
 */
final class SharedIssuers {
    static final int MAX_SHARED = 1_000;

    private final ConcurrentHashMap<X509Certificate, X509Certificate> shared = new ConcurrentHashMap<>();

    /** The chain with its issuer certificates (all but the leaf) replaced by shared equal instances. */
    X509Certificate[] share(X509Certificate[] chain) {
        X509Certificate[] out = chain.clone();
        for (int i = 1; i < out.length; i++) {
            X509Certificate c = out[i];
            if (c == null) {
                continue;
            }
            X509Certificate existing = shared.get(c);
            if (existing == null && shared.size() < MAX_SHARED) {
                existing = shared.putIfAbsent(c, c);
                existing = existing == null ? c : existing;
            }
            if (existing != null) {
                out[i] = existing;
            }
        }
        return out;
    }
}
