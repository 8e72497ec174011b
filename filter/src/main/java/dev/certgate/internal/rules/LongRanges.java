package dev.certgate.internal.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A set of inclusive {@code long} ranges, merged and sorted for binary search. */
final class LongRanges {
    private final long[] starts;
    private final long[] ends;

    private LongRanges(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    static final class Builder {
        private final List<long[]> ranges = new ArrayList<>();

        Builder add(long start, long end) {
            ranges.add(new long[] {start, end});
            return this;
        }

        LongRanges build() {
            ranges.sort(Comparator.comparingLong(r -> r[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] r : ranges) {
                long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && (r[0] <= last[1] || (last[1] != Long.MAX_VALUE && r[0] == last[1] + 1))) {
                    last[1] = Math.max(last[1], r[1]);
                } else {
                    merged.add(r.clone());
                }
            }
            long[] s = new long[merged.size()];
            long[] e = new long[merged.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = merged.get(i)[0];
                e[i] = merged.get(i)[1];
            }
            return new LongRanges(s, e);
        }
    }

    boolean contains(long value) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (value < starts[mid]) {
                hi = mid - 1;
            } else if (value > ends[mid]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
