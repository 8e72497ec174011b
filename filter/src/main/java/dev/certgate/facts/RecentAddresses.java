package dev.certgate.facts;

import dev.certgate.rules.IpAddress;

/**
 * Parsed client addresses by their text, remembered in a few slots: a keep-alive client sends
 * many requests from one address, and rules that read {@code ip.src} would otherwise parse it on
 * every request. Direct-mapped and fixed in size; slots hold immutable pairs, so racy reads and
 * writes are safe.
 */
final class RecentAddresses {
    private static final int SLOTS = 64; // a power of two

    private final Slot[] slots = new Slot[SLOTS];

    /** The parsed address, or null when the text is not an IP address. */
    IpAddress parse(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.isEmpty()) {
            return null;
        }
        int i = remoteAddr.hashCode() & (SLOTS - 1);
        Slot s = slots[i];
        if (s != null && s.text.equals(remoteAddr)) {
            return s.address;
        }
        IpAddress address = RequestFacts.parseAddress(remoteAddr);
        if (address != null && remoteAddr.length() <= 64) {
            slots[i] = new Slot(remoteAddr, address);
        }
        return address;
    }

    private record Slot(String text, IpAddress address) {
    }
}
