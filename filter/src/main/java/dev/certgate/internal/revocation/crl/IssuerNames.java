package dev.certgate.internal.revocation.crl;

import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;

/**
 * One shared {@link X500Principal} per distinct issuer name, for the names the request path
 * compares (a certificate's issuer against a CRL's): equal names are then the same object, and
 * {@code X500Principal.equals} answers on its reference check instead of reading each
 * certificate's own canonical-name string. Bounded: past {@link #MAX} names a name is returned
 * unshared, which only costs the slower (still exact) comparison.
 */
final class IssuerNames {

    static final int MAX = 4096;

    private static final ConcurrentHashMap<X500Principal, X500Principal> SHARED = new ConcurrentHashMap<>();

    private IssuerNames() {}

    static X500Principal shared(X500Principal name) {
        X500Principal known = SHARED.get(name);
        if (known != null || SHARED.size() >= MAX) {
            return known != null ? known : name;
        }
        known = SHARED.putIfAbsent(name, name);
        return known != null ? known : name;
    }
}
