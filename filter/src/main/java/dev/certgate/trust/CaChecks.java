package dev.certgate.trust;

import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Remembers the time-independent checks that CA certificates have passed — that a certificate is
 * a usable CA (version, basicConstraints, keyUsage, extensions, key) and that its signature and
 * key identifiers match a given issuer — so that the few intermediates every client of a host sends
 * are checked once, not once per new client chain. Each remembered fact is a pure function of the
 * certificates involved; validity dates and path lengths are still checked on every path. Leaves
 * are never remembered (each is new). Failures are not remembered (a chain that fails goes to
 * PKIX anyway). Bounded: when full, it starts over (a deployment's intermediates are few; a client
 * sending thousands of distinct CA certificates only loses the shortcut).
 */
final class CaChecks {
    static final int MAX_ENTRIES = 1_024;

    private final ConcurrentHashMap<X509Certificate, Boolean> usable = new ConcurrentHashMap<>();
    /** CA certificate → the issuer certificate it was checked against. */
    private final ConcurrentHashMap<X509Certificate, X509Certificate> issuedBy = new ConcurrentHashMap<>();

    /** Whether {@code ca} passes {@code check}, asked once per certificate while it passes. */
    boolean usable(X509Certificate ca, Predicate<X509Certificate> check) {
        if (usable.containsKey(ca)) {
            return true;
        }
        if (!check.test(ca)) {
            return false;
        }
        if (usable.size() >= MAX_ENTRIES) {
            usable.clear();
        }
        usable.put(ca, Boolean.TRUE);
        return true;
    }

    /** Whether {@code check} holds for {@code ca} issued by {@code issuer}, asked once per pair while it holds. */
    boolean issued(X509Certificate ca, X509Certificate issuer, BiPredicate<X509Certificate, X509Certificate> check) {
        X509Certificate known = issuedBy.get(ca);
        if (known != null && (known == issuer || known.equals(issuer))) {
            return true;
        }
        if (!check.test(ca, issuer)) {
            return false;
        }
        if (issuedBy.size() >= MAX_ENTRIES) {
            issuedBy.clear();
        }
        issuedBy.put(ca, issuer);
        return true;
    }

    /** How many issuer links are remembered (for tests). */
    int rememberedLinks() {
        return issuedBy.size();
    }
}
