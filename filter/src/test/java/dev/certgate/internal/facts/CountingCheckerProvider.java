package dev.certgate.internal.facts;

import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationCheckerProvider;
import dev.certgate.revocation.RevocationStatus;
import java.util.concurrent.atomic.AtomicInteger;

/** A test checker that answers GOOD and counts how often it is asked. */
public final class CountingCheckerProvider implements RevocationCheckerProvider {
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public RevocationChecker create(CheckerContext context) {
        return (certificate, issuer, now) -> {
            CALLS.incrementAndGet();
            return RevocationStatus.good("counting");
        };
    }
}
