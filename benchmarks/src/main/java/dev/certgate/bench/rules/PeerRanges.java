package dev.certgate.bench.rules;

/**
 * The IP CIDRs of the benchmark's rules as integer ranges. None of the peers has an IP type, so
 * {@code ip.src in {10.i.0.0/16 2001:db8:i::/48}} becomes range comparisons on the integers
 * {@link BenchRequest#getIpV4()} and {@link BenchRequest#getIpV6Hi()} (both non-negative inside
 * these ranges, so signed comparison is right), precomputed here as a user would have to.
 */
final class PeerRanges {
    private PeerRanges() {}

    /** 10.i.0.0, the first address of 10.i.0.0/16, as an unsigned 32-bit value. */
    static long v4First(int i) {
        return 10L << 24 | (long) i << 16;
    }

    static long v4Last(int i) {
        return v4First(i) | 0xFFFF;
    }

    /** The first 64 bits of 2001:db8:i::, the start of 2001:db8:i::/48. */
    static long v6First(int i) {
        return 0x2001_0DB8L << 32 | (long) i << 16;
    }

    static long v6Last(int i) {
        return v6First(i) | 0xFFFF;
    }
}
