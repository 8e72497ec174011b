package dev.certgate.internal.revocation;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter in the upper half, for retrying failed fetches. */
public record Backoff(Duration initial, Duration max) {

    /** The delay before retry number attempt (1 = first retry). */
    public Duration delay(int attempt) {
        long base = initial.toMillis();
        for (int i = 1; i < attempt && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        return Duration.ofMillis(jitter(base));
    }

    /** A value in [millis/2, millis], so that many instances don't retry in step. */
    public static long jitter(long millis) {
        if (millis <= 1) {
            return millis;
        }
        return millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    }
}
