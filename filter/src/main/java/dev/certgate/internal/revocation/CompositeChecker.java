package dev.certgate.internal.revocation;

import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationSourceStatus;
import dev.certgate.revocation.RevocationStatus;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Asks the checkers in order: the first definitive answer (GOOD or REVOKED) wins, UNKNOWN falls
 * through to the next. Turns anything a checker throws into UNKNOWN.
 */
final class CompositeChecker implements RevocationChecker {

    private static final System.Logger LOG = System.getLogger(CompositeChecker.class.getName());

    record Named(String name, RevocationChecker checker) {}

    private final Named[] checkers;

    CompositeChecker(List<Named> checkers) {
        this.checkers = checkers.toArray(new Named[0]);
    }

    @Override
    public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant now) {
        return check(List.of(certificate, issuer), 0, now);
    }

    @Override
    public RevocationStatus check(List<X509Certificate> path, int index, Instant now) {
        StringBuilder causes = null;
        for (Named named : checkers) {
            RevocationStatus status = safeCheck(named, path, index, now);
            if (!status.isUnknown()) {
                return status;
            }
            if (checkers.length == 1) {
                return status;
            }
            causes = (causes == null ? new StringBuilder() : causes.append("; "))
                    .append(named.name())
                    .append(": ")
                    .append(status.cause().orElse("?"));
        }
        return RevocationStatus.unknown(causes == null ? "no checker" : causes.toString());
    }

    private static RevocationStatus safeCheck(Named named, List<X509Certificate> path, int index, Instant now) {
        try {
            RevocationStatus status = named.checker().check(path, index, now);
            return status != null ? status : RevocationStatus.unknown("checker returned no status");
        } catch (Exception | LinkageError | StackOverflowError e) {
            // BC and third-party checkers throw unchecked exceptions on odd input: never fail open or crash.
            LOG.log(System.Logger.Level.DEBUG, "revocation checker " + named.name() + " threw", e);
            return RevocationStatus.unknown("checker failed: " + e);
        }
    }

    @Override
    public List<X509Certificate> signers() {
        return collect(RevocationChecker::signers, "cannot list its signers");
    }

    @Override
    public List<RevocationSourceStatus> sources() {
        return collect(RevocationChecker::sources, "cannot describe itself");
    }

    /** What every checker lists; a checker that throws is left out (and logged), never the whole list. */
    private <T> List<T> collect(java.util.function.Function<RevocationChecker, List<T>> part, String failure) {
        List<T> all = new java.util.ArrayList<>();
        for (Named named : checkers) {
            try {
                all.addAll(part.apply(named.checker()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "revocation checker " + named.name() + " " + failure, e);
            }
        }
        return all;
    }

    @Override
    public void close() {
        for (Named named : checkers) {
            closeQuietly(named.checker());
        }
    }

    static void closeQuietly(RevocationChecker checker) {
        try {
            checker.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a revocation checker failed", e);
        }
    }
}
