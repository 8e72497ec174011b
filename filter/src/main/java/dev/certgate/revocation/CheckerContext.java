package dev.certgate.revocation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/** What a {@link RevocationCheckerProvider} gets to build its checker. */
public interface CheckerContext {

    /**
     * A setting of this checker: key "sources" of the checker "crl" reads
     * {@code <prefix>crl.sources}, e.g. {@code certgate.host.api.revocation.crl.sources}.
     */
    Optional<String> setting(String key);

    /** The full property name of a setting of this checker, for error messages. */
    String propertyName(String key);

    /** The host group's configured CA certificates. */
    List<X509Certificate> trustAnchors();

    /** Shared daemon scheduler for background refresh; don't block it for long. */
    ScheduledExecutorService scheduler();

    Clock clock();
}
