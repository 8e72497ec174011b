package dev.certgate.internal.ops;

import dev.certgate.internal.policy.Policy;
import java.time.Instant;

/**
 * The running policy, swapped atomically by a reload. A request reads {@link #current()} once and
 * finishes on that policy, whatever happens meanwhile.
 */
public final class PolicyHolder {
    /** A policy with its version (1 at start-up, one more per successful reload) and load time. */
    public record Loaded(Policy policy, long version, Instant loadedAt) {}

    private volatile Loaded loaded;

    PolicyHolder(Policy first, Instant at) {
        this.loaded = new Loaded(first, 1, at);
    }

    /** The policy for the next request. */
    public Policy current() {
        return loaded.policy();
    }

    public Loaded loaded() {
        return loaded;
    }

    /** Installs the next policy; returns the one it replaces. Only the reloader calls this, serially. */
    Policy swap(Policy next, Instant at) {
        Loaded before = loaded;
        loaded = new Loaded(next, before.version() + 1, at);
        return before.policy();
    }
}
