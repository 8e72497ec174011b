package dev.certgate.policy;

/**
 * Remembers the last host groups found per raw {@code Host} value. Nearly every request of an
 * application names one of a few hosts, byte for byte the same each time; a hit costs one string
 * comparison instead of normalising the value and looking it up. Direct-mapped and fixed in size,
 * so arbitrary client-chosen values only overwrite slots. Slots hold immutable pairs, so racy
 * reads and writes are safe.
 */
final class RecentHosts {
    private static final int SLOTS = 64; // a power of two
    /** Longer values are looked up every time rather than kept. */
    private static final int MAX_REMEMBERED_LENGTH = 256;

    private final HostIndex index;
    private final Slot[] slots = new Slot[SLOTS];

    RecentHosts(HostIndex index) {
        this.index = index;
    }

    HostMatch match(String hostHeader) {
        String raw = hostHeader == null ? "" : hostHeader;
        int i = raw.hashCode() & (SLOTS - 1);
        Slot s = slots[i];
        if (s != null && s.raw.equals(raw)) {
            return s.match;
        }
        String host = HostNames.normalizeRequestHost(raw);
        HostMatch match = new HostMatch(host, index.find(host));
        if (raw.length() <= MAX_REMEMBERED_LENGTH) {
            slots[i] = new Slot(raw, match);
        }
        return match;
    }

    private record Slot(String raw, HostMatch match) {
    }
}
