package dev.certgate.internal.facts;

import dev.certgate.internal.rules.ChainMemo;

/**
 * The answers of one host group's certificate-only tests for one cached chain. A test that reads
 * nothing but fields fixed by the chain and its verification (DNs, serial, fingerprints, SANs,
 * presented, verified…) gives the same answer on every request of that chain, so it is evaluated
 * once per chain, not once per request. Revocation fields change over time and are never
 * remembered. Holds up to {@link #CAPACITY} tests per rule list (the group's own rules, the
 * global ones); reads are lock-free.
 */
public final class RuleResults implements ChainMemo {
    /** Tests of one rule list that can be remembered; later ones are simply evaluated. */
    public static final int CAPACITY = 64;

    // Per list (the group's own rules, the global ones): the known atoms and, of those, the true
    // ones. A truth is published before its known bit, and read after it; writers take the lock
    // (only the first requests of a chain write), readers do not.
    private volatile long known0;
    private volatile long truths0;
    private volatile long known1;
    private volatile long truths1;

    @Override
    public long known(int list) {
        return list == 0 ? known0 : known1;
    }

    @Override
    public long truths(int list) {
        return list == 0 ? truths0 : truths1;
    }

    @Override
    public synchronized void learn(int list, long atoms, long truths) {
        long t = truths & atoms;
        if (list == 0) {
            truths0 |= t;
            known0 |= atoms;
        } else {
            truths1 |= t;
            known1 |= atoms;
        }
    }
}
