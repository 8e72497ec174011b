package dev.certgate.internal.revocation.crl;

import java.security.cert.X509Certificate;

/**
 * A bounded memo of {@link CertView}s by certificate identity: a request for a cached chain
 * presents the same certificate objects again, so serial, issuer and distribution points are
 * derived once per object instead of once per check. Set-associative (4 slots per set, two
 * candidate sets chosen by two hashes of the identity); when both are full one slot is overwritten. Weak references: the memo never
 * keeps a certificate alive (each {@link CertView} is a weak reference to its certificate). Racy by design — a reader sees a complete entry or misses, and a miss
 * only recomputes.
 */
final class CertViews {

    private static final int SLOTS = 1 << 14;
    private static final int WAYS = 4;

    private final CertView[] table = new CertView[SLOTS];
    /** Each slot's identity hash: a probe dereferences only the entry that can match (a miss on each costs). */
    private final int[] ids = new int[SLOTS];

    private int victim;

    CertView of(X509Certificate cert) {
        int id = System.identityHashCode(cert);
        int first = ((id * 0x9e3779b9) >>> 18) & (SLOTS - WAYS);
        int second = ((id * 0x85ebca6b) >>> 18) & (SLOTS - WAYS);
        CertView view = find(first, id, cert);
        if (view == null && (view = find(second, id, cert)) == null) {
            view = new CertView(cert);
            // Two candidate sets ("two choices"): a set overflows only when both are full, which at
            // a quarter load practically never happens, so a working set up to SLOTS / 4 stays hot.
            int slot = free(first);
            if (slot < 0) {
                slot = free(second);
            }
            if (slot < 0) {
                int v = victim++;
                slot = ((v & WAYS) == 0 ? first : second) + (v & (WAYS - 1));
            }
            ids[slot] = id;
            table[slot] = view;
        }
        return view;
    }

    private CertView find(int set, int id, X509Certificate cert) {
        for (int w = 0; w < WAYS; w++) {
            if (ids[set + w] != id) {
                continue;
            }
            CertView e = table[set + w];
            if (e != null && e.get() == cert) {
                return e;
            }
        }
        return null;
    }

    private int free(int set) {
        for (int w = 0; w < WAYS; w++) {
            CertView e = table[set + w];
            if (e == null || e.get() == null) {
                return set + w;
            }
        }
        return -1;
    }
}
