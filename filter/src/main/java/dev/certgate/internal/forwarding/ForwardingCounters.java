package dev.certgate.internal.forwarding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What happened to forwarded certificate headers, for operators: one counter per outcome. */
public final class ForwardingCounters {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder absent = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder oversized = new LongAdder();
    private final LongAdder untrustedHidden = new LongAdder();
    private final LongAdder untrustedRefused = new LongAdder();

    void accepted() {
        accepted.increment();
    }

    void absent() {
        absent.increment();
    }

    /** @return the new count (for logging the first few and then ever more rarely) */
    long malformed() {
        return next(malformed);
    }

    long oversized() {
        return next(oversized);
    }

    long untrustedHidden() {
        return next(untrustedHidden);
    }

    long untrustedRefused() {
        return next(untrustedRefused);
    }

    private static long next(LongAdder counter) {
        counter.increment();
        return counter.sum();
    }

    /**
     * {@code accepted} (a certificate decoded from a trusted proxy), {@code absent} (a trusted proxy
     * sent none), {@code malformed}, {@code oversized} (over {@code max-bytes}), {@code untrusted-hidden}
     * and {@code untrusted-refused} (certificate headers from a peer that is not a trusted proxy).
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("accepted", accepted.sum());
        m.put("absent", absent.sum());
        m.put("malformed", malformed.sum());
        m.put("oversized", oversized.sum());
        m.put("untrusted-hidden", untrustedHidden.sum());
        m.put("untrusted-refused", untrustedRefused.sum());
        return m;
    }
}
