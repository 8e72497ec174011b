package dev.certgate.internal.forwarding;

import dev.certgate.internal.rules.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket peers ({@code getRemoteAddr()}) whose forwarded headers are believed: IPv4 and IPv6
 * addresses and CIDRs. An IPv4-mapped IPv6 peer ({@code ::ffff:10.0.0.1}) is compared as IPv4.
 * A handful of entries, so a linear scan over byte prefixes.
 */
public final class TrustedProxies {
    /** No peer is trusted: forwarding is off. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    private final List<byte[]> networks;
    private final List<Integer> prefixLengths;
    private final String text;

    private TrustedProxies(List<byte[]> networks, List<Integer> prefixLengths) {
        this.networks = List.copyOf(networks);
        this.prefixLengths = List.copyOf(prefixLengths);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < this.networks.size(); i++) {
            sb.append(i == 0 ? "" : ", ")
                    .append(IpAddress.fromOctets(this.networks.get(i)))
                    .append('/')
                    .append(this.prefixLengths.get(i));
        }
        this.text = sb.toString();
    }

    /**
     * Parses {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code 2001:db8::/32}, {@code ::1}.
     *
     * @throws IllegalArgumentException naming the entry that is not an address or CIDR, or whose
     *                                  host bits are set (a typo for another network, never guessed)
     */
    public static TrustedProxies parse(List<String> entries) {
        List<byte[]> networks = new ArrayList<>();
        List<Integer> prefixes = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] octets;
            try {
                octets = normalise(IpAddress.parse(address).octets());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + raw + "' is not an IP address or CIDR"
                        + " (expected e.g. 10.0.0.0/8, 192.0.2.7, 2001:db8::/32, ::1)");
            }
            int bits = octets.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + raw + "' has no valid prefix length after '/'");
                }
                if (address.contains(":") && octets.length == 4) {
                    bits -= 96; // ::ffff:a.b.c.d/120 is a.b.c.d/24
                }
                if (bits < 0 || bits > octets.length * 8) {
                    throw new IllegalArgumentException(
                            "'" + raw + "': prefix length out of range for the address family");
                }
            }
            if (!hostBitsClear(octets, bits)) {
                throw new IllegalArgumentException("'" + raw + "' has bits set after the prefix; write the network"
                        + " address (e.g. 10.1.0.0/16 rather than 10.1.2.3/16)");
            }
            networks.add(octets);
            prefixes.add(bits);
        }
        return networks.isEmpty() ? NONE : new TrustedProxies(networks, prefixes);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether some entry covers every address (0.0.0.0/0 or ::/0): worth a start-up warning. */
    public boolean trustsEveryone() {
        return prefixLengths.contains(0);
    }

    /** Whether {@code address} (text as {@code getRemoteAddr()} gives it, brackets allowed) is trusted. */
    public boolean contains(String address) {
        if (networks.isEmpty() || address == null) {
            return false;
        }
        IpAddress ip = ClientAddresses.parse(address);
        return ip != null && contains(ip);
    }

    public boolean contains(IpAddress address) {
        if (networks.isEmpty()) {
            return false;
        }
        byte[] octets = normalise(address.octets());
        for (int i = 0; i < networks.size(); i++) {
            byte[] net = networks.get(i);
            if (net.length == octets.length && samePrefix(net, octets, prefixLengths.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** IPv4-mapped IPv6 as IPv4, so one entry covers a dual-stack socket's view of the peer. */
    private static byte[] normalise(byte[] octets) {
        if (octets.length != 16) {
            return octets;
        }
        for (int i = 0; i < 10; i++) {
            if (octets[i] != 0) {
                return octets;
            }
        }
        if (octets[10] != (byte) 0xFF || octets[11] != (byte) 0xFF) {
            return octets;
        }
        return new byte[] {octets[12], octets[13], octets[14], octets[15]};
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (a[full] & mask) == (b[full] & mask);
    }

    private static boolean hostBitsClear(byte[] octets, int bits) {
        for (int bit = bits; bit < octets.length * 8; bit++) {
            if ((octets[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "(none)" : text;
    }
}
