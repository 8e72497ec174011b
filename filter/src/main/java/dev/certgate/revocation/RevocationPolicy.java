package dev.certgate.revocation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** Temporary stand-in until the revocation branch lands: checks nothing. */
public final class RevocationPolicy implements AutoCloseable {
    private static final RevocationPolicy NONE = new RevocationPolicy();

    public static RevocationPolicy none() {
        return NONE;
    }

    public static RevocationPolicy create(Settings settings, List<X509Certificate> trustAnchors,
                                          ScheduledExecutorService scheduler, Clock clock) throws RevocationConfigException {
        if (settings.get("checkers").isPresent()) {
            throw new RevocationConfigException(settings.propertyName("checkers") + ": revocation is not available yet");
        }
        return NONE;
    }

    public RevocationResult check(List<X509Certificate> path, Instant now) {
        return RevocationResult.UNCHECKED;
    }

    public boolean enabled() {
        return false;
    }

    @Override
    public void close() {
    }
}
