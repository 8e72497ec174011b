package dev.certgate.rules;

/**
 * An IPv4 or IPv6 address, kept apart by family: {@code ::ffff:192.0.2.1} is an IPv6 address and
 * never equals {@code 192.0.2.1}, as in Cloudflare's engine. (Placeholder: the rules work gives
 * it its parser and comparisons.)
 */
public final class IpAddress {
    private final byte[] octets;

    private IpAddress(byte[] octets) {
        this.octets = octets;
    }

    /** Parses a textual address; throws IllegalArgumentException when it is not one. */
    public static IpAddress parse(String text) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public boolean isV4() {
        return octets.length == 4;
    }
}
