package dev.certgate.trust;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which CA certificates' signatures have been verified under which issuer, so that the
 * few intermediates every client of a host sends are verified once, not once per new client chain.
 * Only signatures are remembered (a pure function of the two certificates); validity, constraints
 * and key usage are still checked on every path. Leaves are never remembered: each is new.
 * Bounded: when full, it starts over (the intermediates of a deployment are few; a client sending
 * thousands of distinct CA certificates only loses the shortcut).
 */
final class IssuerSignatures {
    static final int MAX_ENTRIES = 1_024;

    /** Verified CA certificate → the issuer certificate whose key verified it. */
    private final ConcurrentHashMap<X509Certificate, X509Certificate> verified = new ConcurrentHashMap<>();

    /** Whether {@code issuer}'s key verifies {@code ca}'s signature; remembered when it does. */
    boolean verifiesCa(X509Certificate ca, X509Certificate issuer) {
        X509Certificate known = verified.get(ca);
        if (known != null && (known == issuer || known.equals(issuer))) {
            return true;
        }
        if (!verifies(ca, issuer)) {
            return false;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(ca, issuer);
        return true;
    }

    int size() {
        return verified.size();
    }

    /** Whether {@code issuer}'s key verifies {@code cert}'s signature (never remembered). */
    static boolean verifies(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
