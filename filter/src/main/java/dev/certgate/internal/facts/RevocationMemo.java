package dev.certgate.internal.facts;

import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.revocation.RevocationResult;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The last revocation answer for one verified chain, reused for up to a second. A keep-alive
 * client sends many requests a second on the same chain; asking the checkers each time costs the
 * JDK's slow certificate accessors (serial, issuer) per certificate and request, while their answers
 * change only when a CRL is reloaded or an OCSP answer refreshed — far less often than that.
 */
final class RevocationMemo {
    static final long REUSE_MILLIS = 1_000;

    private volatile Answer last;

    RevocationResult check(RevocationPolicy policy, List<X509Certificate> path, Instant now) {
        long nowMillis = now.toEpochMilli();
        Answer a = last;
        if (a != null && nowMillis >= a.askedAt && nowMillis - a.askedAt < REUSE_MILLIS) {
            return a.result;
        }
        RevocationResult result = policy.check(path, now);
        last = new Answer(result, nowMillis);
        return result;
    }

    private record Answer(RevocationResult result, long askedAt) {}
}
