package dev.certgate.facts;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.certgate.rules.Field;

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

    /** Fields whose values are fixed for a cached chain (and its verification outcome). */
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
        // Listed one by one: a new field is per request until someone shows it is fixed per chain.
        // Not here: cert_revoked and revocation_status (they follow CRL and OCSP updates).
        return EnumSet.of(Field.CERT_PRESENTED, Field.CERT_VERIFIED,
                Field.CERT_ISSUER_DN, Field.CERT_SUBJECT_DN, Field.CERT_ISSUER_DN_RFC2253,
                Field.CERT_SUBJECT_DN_RFC2253, Field.CERT_ISSUER_DN_LEGACY, Field.CERT_SUBJECT_DN_LEGACY,
                Field.CERT_SERIAL, Field.CERT_ISSUER_SERIAL, Field.CERT_FINGERPRINT_SHA256, Field.CERT_FINGERPRINT_SHA1,
                Field.CERT_NOT_BEFORE, Field.CERT_NOT_AFTER, Field.CERT_SKI, Field.CERT_ISSUER_SKI,
                Field.CERT_RFC9440, Field.CERT_RFC9440_TOO_LARGE, Field.CERT_CHAIN_RFC9440,
                Field.CERT_CHAIN_RFC9440_TOO_LARGE, Field.CERTGATE_VERIFY_ERROR, Field.CERTGATE_SAN_DNS,
                Field.CERTGATE_SAN_URI, Field.CERTGATE_SAN_EMAIL, Field.CERTGATE_SAN_IP);
    }
}
