package dev.certgate.internal.config;

import dev.certgate.internal.facts.ClientCertificateResolver;
import dev.certgate.internal.revocation.RevocationPolicy;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the next load may keep from a loaded policy, so a reload keeps the caches that are still
 * valid: a host group's revocation checkers (CRL indexes, OCSP answers) when every revocation
 * setting they read, the files those settings name and the trust anchors are unchanged; its
 * verified chains when its trust anchors are unchanged; and the refresh thread. Valid until the
 * policy it came with is closed. Opaque to callers: pass the one returned by the last successful
 * load to the next.
 */
public final class Carryover {
    private static final Carryover NONE = new Carryover(null, null);

    final Map<String, KeptRevocation> revocations = new ConcurrentHashMap<>();
    final Map<String, KeptResolver> resolvers = new ConcurrentHashMap<>();
    final SharedResource<AutoCloseable> scheduler;
    final ScheduledExecutorService executor;

    Carryover(SharedResource<AutoCloseable> scheduler, ScheduledExecutorService executor) {
        this.scheduler = scheduler;
        this.executor = executor;
    }

    /** Nothing to keep: the first load. */
    public static Carryover none() {
        return NONE;
    }

    /** How many revocation checkers and certificate resolvers the next load may keep. */
    public int size() {
        return revocations.size() + resolvers.size();
    }

    /** A revocation policy with what it read when built. */
    record KeptRevocation(
            List<X509Certificate> anchors,
            Map<String, Optional<String>> settingsRead,
            Map<String, String> files,
            SharedResource<RevocationPolicy> policy) {}

    /** A resolver with the anchors it verifies against. */
    record KeptResolver(List<X509Certificate> anchors, boolean trustContainer, ClientCertificateResolver resolver) {}
}
