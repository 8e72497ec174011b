package dev.certgate.internal.rules;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address, kept apart by family: {@code ::ffff:192.0.2.1} is an IPv6 address and
 * never equals {@code 192.0.2.1}, as in Cloudflare's engine. Parsing follows Rust's
 * {@code IpAddr::from_str}: dotted quads without leading zeros, IPv6 with at most one {@code ::}
 * and an optional embedded IPv4 tail, no zone ids. {@link java.net.InetAddress} is deliberately
 * not used: it turns {@code ::ffff:a.b.c.d} into an IPv4 address.
 */
public final class IpAddress implements Comparable<IpAddress> {
    private final byte[] octets;
    /** The address as an unsigned 128-bit (IPv6) or 32-bit (IPv4, in {@code lo}) number. */
    private final long hi;

    private final long lo;

    private IpAddress(byte[] octets) {
        this.octets = octets;
        long h = 0;
        long l = 0;
        if (octets.length == 4) {
            for (byte b : octets) {
                l = (l << 8) | (b & 0xFF);
            }
        } else {
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (octets[i] & 0xFF);
                l = (l << 8) | (octets[i + 8] & 0xFF);
            }
        }
        this.hi = h;
        this.lo = l;
    }

    /** Parses a textual address; throws IllegalArgumentException when it is not one. */
    public static IpAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("null address");
        }
        byte[] octets = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text, 0, text.length());
        if (octets == null) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        return new IpAddress(octets);
    }

    /** The address from its 4 or 16 network-order bytes. */
    public static IpAddress fromOctets(byte[] octets) {
        if (octets == null || (octets.length != 4 && octets.length != 16)) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes");
        }
        return new IpAddress(octets.clone());
    }

    static IpAddress v4(long value) {
        byte[] o = new byte[4];
        for (int i = 3; i >= 0; i--) {
            o[i] = (byte) value;
            value >>>= 8;
        }
        return new IpAddress(o);
    }

    static IpAddress v6(long hi, long lo) {
        byte[] o = new byte[16];
        for (int i = 7; i >= 0; i--) {
            o[i] = (byte) hi;
            o[i + 8] = (byte) lo;
            hi >>>= 8;
            lo >>>= 8;
        }
        return new IpAddress(o);
    }

    private static byte[] parseV4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (true) {
            if (part == 4 || i >= to) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (i == to) {
                return part == 4 ? out : null;
            }
            if (s.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }

    private static byte[] parseV6(String s) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" was
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return new byte[16];
            }
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < n && i - start < 5 && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 128) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // An embedded IPv4 tail fills the last two groups.
                if (count > 6) {
                    return null;
                }
                byte[] v4 = parseV4(s, start, n);
                if (v4 == null) {
                    return null;
                }
                groups[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                groups[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                i = n;
                break;
            }
            int len = i - start;
            if (len == 0 || len > 4) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null; // trailing single ':'
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (count > 7) {
                return null;
            }
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        } else {
            if (count != 8) {
                return null;
            }
            full = groups;
        }
        byte[] out = new byte[16];
        for (int g = 0; g < 8; g++) {
            out[2 * g] = (byte) (full[g] >> 8);
            out[2 * g + 1] = (byte) full[g];
        }
        return out;
    }

    public boolean isV4() {
        return octets.length == 4;
    }

    /** The network-order bytes (a copy). */
    public byte[] octets() {
        return octets.clone();
    }

    long hi() {
        return hi;
    }

    long lo() {
        return lo;
    }

    /** The address with all but the first {@code bits} bits cleared. */
    IpAddress mask(int bits) {
        if (isV4()) {
            long m = bits <= 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return v4(lo & m);
        }
        long mh = bits <= 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
        long ml = bits <= 64 ? 0 : bits >= 128 ? -1L : -1L << (128 - bits);
        return v6(hi & mh, lo & ml);
    }

    /** Orders addresses of one family; IPv4 sorts before IPv6 (only used for tables). */
    @Override
    public int compareTo(IpAddress other) {
        if (isV4() != other.isV4()) {
            return isV4() ? -1 : 1;
        }
        int c = Long.compareUnsigned(hi, other.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, other.lo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress && Arrays.equals(octets, ((IpAddress) o).octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    /** Dotted quad, or RFC 5952 text for IPv6 ({@code ::ffff:a.b.c.d} for mapped addresses). */
    @Override
    public String toString() {
        if (isV4()) {
            return (octets[0] & 0xFF) + "." + (octets[1] & 0xFF) + "." + (octets[2] & 0xFF) + "." + (octets[3] & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((octets[2 * i] & 0xFF) << 8) | (octets[2 * i + 1] & 0xFF);
        }
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return "::ffff:" + (octets[12] & 0xFF) + "." + (octets[13] & 0xFF) + "." + (octets[14] & 0xFF) + "."
                    + (octets[15] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
