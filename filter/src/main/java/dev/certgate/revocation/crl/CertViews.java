package dev.certgate.revocation.crl;

import java.lang.ref.WeakReference;
import java.security.cert.X509Certificate;

/**
 * A bounded memo of {@link CertView}s by certificate identity: a request for a cached chain
 * presents the same certificate objects again, so serial, issuer and distribution points are
 * derived once per object instead of once per check. Set-associative (4 slots per set, a set
 * chosen by the identity hash); a full set overwrites one slot. Weak references: the memo never
 * keeps a certificate alive. Racy by design — a reader sees a complete entry or misses, and a miss
 * only recomputes.
 */
final class CertViews {

    private static final int SLOTS = 1 << 14;
    private static final int WAYS = 4;

    private static final class Entry extends WeakReference<X509Certificate> {
        final CertView view;

        Entry(X509Certificate cert, CertView view) {
            super(cert);
            this.view = view;
        }
    }

    private final Entry[] table = new Entry[SLOTS];
    private int victim;

    CertView of(X509Certificate cert) {
        int h = System.identityHashCode(cert) * 0x9e3779b9;
        int set = (h >>> 18) & (SLOTS - WAYS);
        for (int w = 0; w < WAYS; w++) {
            Entry e = table[set + w];
            if (e != null && e.get() == cert) {
                return e.view;
            }
        }
        CertView view = CertView.of(cert);
        int slot = -1;
        for (int w = 0; w < WAYS && slot < 0; w++) {
            Entry e = table[set + w];
            if (e == null || e.get() == null) {
                slot = set + w;
            }
        }
        table[slot >= 0 ? slot : set + (victim++ & (WAYS - 1))] = new Entry(cert, view);
        return view;
    }
}
