package dev.certgate.internal.facts;

import dev.certgate.internal.rules.Field;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The results of one host group's certificate-only rules for one cached chain. A rule that reads
 * nothing but fields fixed by the chain and its verification (DNs, serial, fingerprints, SANs,
 * presented, verified…) gives the same answer on every request of that chain, so it is evaluated
 * once per chain, not once per request. Revocation fields change over time and are never
 * remembered. Holds up to {@link #CAPACITY} rules; lock-free.
 */
public final class RuleResults {
    /** Rules of a group that can be remembered; later certificate-only rules are simply evaluated. */
    public static final int CAPACITY = 64;

    /** Fields whose values are fixed for a cached chain and its verification outcome ({@link Field#chainConstant}). */
    private static final Set<Field> CHAIN_CONSTANT = chainConstantFields();

    // A result's value bit is published before its known bit, and read after it.
    private final AtomicLong known = new AtomicLong();
    private final AtomicLong values = new AtomicLong();

    /** Whether an expression reading these fields gives one answer per cached chain. */
    public static boolean chainConstant(Set<Field> fields) {
        return !fields.isEmpty() && CHAIN_CONSTANT.containsAll(fields);
    }

    /** 1 or 0 for a remembered true or false, -1 when not known yet. */
    public int get(int slot) {
        long bit = 1L << slot;
        if ((known.get() & bit) == 0) {
            return -1;
        }
        return (values.get() & bit) != 0 ? 1 : 0;
    }

    public void put(int slot, boolean result) {
        long bit = 1L << slot;
        if (result) {
            values.getAndAccumulate(bit, (a, b) -> a | b);
        }
        known.getAndAccumulate(bit, (a, b) -> a | b);
    }

    private static Set<Field> chainConstantFields() {
        EnumSet<Field> out = EnumSet.noneOf(Field.class);
        for (Field f : Field.values()) {
            if (f.chainConstant()) {
                out.add(f);
            }
        }
        return out;
    }
}
