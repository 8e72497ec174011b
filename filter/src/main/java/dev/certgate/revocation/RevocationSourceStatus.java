package dev.certgate.revocation;

import java.time.Instant;

/**
 * What one revocation source looks like now, for the metrics view and the status page. A CRL
 * source fills the CRL fields, an OCSP checker the OCSP ones; the others are null or zero.
 *
 * @param kind         {@code crl} or {@code ocsp} (a third-party checker: its own word)
 * @param location     the CRL's location, or {@code responders} for OCSP (configured, bounded)
 * @param thisUpdate   the CRL in use's thisUpdate, null when none is loaded
 * @param nextUpdate   its nextUpdate, null when none is loaded or it has none
 * @param entries      revoked entries in the CRL in use, or answers in the OCSP cache
 * @param requests     OCSP requests sent
 * @param failures     OCSP requests that gave no usable answer
 * @param latencyNanos total time of the OCSP requests
 * @param lastResult   the last fetch's outcome ("ok" or why not)
 */
public record RevocationSourceStatus(
        String kind,
        String location,
        Instant thisUpdate,
        Instant nextUpdate,
        long entries,
        long requests,
        long failures,
        long latencyNanos,
        String lastResult) {}
