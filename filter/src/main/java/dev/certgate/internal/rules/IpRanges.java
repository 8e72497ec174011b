package dev.certgate.internal.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of IP addresses, CIDRs and ranges as two range tables, one per family, so that an IPv4
 * CIDR can never match an IPv6 client (and the reverse).
 */
final class IpRanges {
    private final LongRanges v4;
    /** Sorted, merged IPv6 ranges as 128-bit numbers: {startHi, startLo, endHi, endLo}. */
    private final long[][] v6;

    private IpRanges(LongRanges v4, long[][] v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    static final class Builder {
        private final LongRanges.Builder v4 = new LongRanges.Builder();
        private final List<long[]> v6 = new ArrayList<>();

        /** Adds an inclusive range of one family, start ≤ end. */
        Builder add(IpAddress start, IpAddress end) {
            if (start.isV4()) {
                v4.add(start.lo(), end.lo());
            } else {
                v6.add(new long[] {start.hi(), start.lo(), end.hi(), end.lo()});
            }
            return this;
        }

        IpRanges build() {
            v6.sort((a, b) -> compare(a[0], a[1], b[0], b[1]));
            List<long[]> merged = new ArrayList<>();
            for (long[] r : v6) {
                long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && compare(r[0], r[1], last[2], last[3]) <= 0) {
                    if (compare(r[2], r[3], last[2], last[3]) > 0) {
                        last[2] = r[2];
                        last[3] = r[3];
                    }
                } else {
                    merged.add(r.clone());
                }
            }
            return new IpRanges(v4.build(), merged.toArray(new long[0][]));
        }
    }

    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    boolean contains(IpAddress ip) {
        if (ip.isV4()) {
            return v4.contains(ip.lo());
        }
        long h = ip.hi();
        long l = ip.lo();
        int lo = 0;
        int hi = v6.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long[] r = v6[mid];
            if (compare(h, l, r[0], r[1]) < 0) {
                hi = mid - 1;
            } else if (compare(h, l, r[2], r[3]) > 0) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The last address of the CIDR whose first address is {@code base}. */
    static IpAddress lastOf(IpAddress base, int bits) {
        if (base.isV4()) {
            long hostMask = bits >= 32 ? 0 : (0xFFFFFFFFL >>> bits);
            return IpAddress.v4(base.lo() | hostMask);
        }
        long hMask = bits >= 64 ? 0 : (bits == 0 ? -1L : -1L >>> bits);
        long lMask = bits >= 128 ? 0 : bits <= 64 ? -1L : -1L >>> (bits - 64);
        return IpAddress.v6(base.hi() | hMask, base.lo() | lMask);
    }
}
