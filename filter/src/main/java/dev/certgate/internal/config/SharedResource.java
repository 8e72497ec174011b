package dev.certgate.internal.config;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resource (revocation checkers, the refresh thread) that consecutive policies share across a
 * reload: each policy holds one reference and closes it; the resource closes with the last one.
 */
final class SharedResource<T extends AutoCloseable> {
    private final T resource;
    private final AtomicInteger references = new AtomicInteger();

    SharedResource(T resource) {
        this.resource = resource;
    }

    T get() {
        return resource;
    }

    /** A new reference, to be closed once by the policy that holds it. */
    AutoCloseable retain() {
        references.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        return new AutoCloseable() {
            @Override
            public void close() throws Exception {
                if (released.compareAndSet(false, true) && references.decrementAndGet() == 0) {
                    resource.close();
                }
            }

            @Override
            public String toString() {
                return resource.toString();
            }
        };
    }
}
