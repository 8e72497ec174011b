package dev.certgate.bench.revocation;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The layouts the hashed CrlIndex was weighed against, over the same 1M 16-octet serials: the
 * previous index (two big-endian words per row, sorted, one binary search per lookup, key built
 * with toByteArray) and the same with a blocked Bloom filter in front (10 bits per entry, k = 3,
 * all three bits in one 64-byte block, so a good serial usually costs one cache miss).
 */
final class SortedSerialsBaseline {

    private final long[] rows;
    private final long[] bloom;
    private final int blocks;

    SortedSerialsBaseline(long[] words) {
        int n = words.length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> {
            int c = Long.compareUnsigned(words[2 * a], words[2 * b]);
            return c != 0 ? c : Long.compareUnsigned(words[2 * a + 1], words[2 * b + 1]);
        });
        rows = new long[2 * n];
        for (int i = 0; i < n; i++) {
            rows[2 * i] = words[2 * order[i]];
            rows[2 * i + 1] = words[2 * order[i] + 1];
        }
        blocks = Math.max(1, (int) ((n * 10L + 511) / 512));
        bloom = new long[blocks * 8];
        for (int i = 0; i < n; i++) {
            addToBloom(rows[2 * i], rows[2 * i + 1]);
        }
    }

    long bloomBytes() {
        return bloom.length * 8L;
    }

    /** The previous CrlIndex.find for a 2-word index: toByteArray, toWords, binary search. */
    int binarySearch(BigInteger serial) {
        byte[] bytes = serial.toByteArray();
        if (bytes.length > 16) {
            return -1;
        }
        long[] key = toWords(bytes);
        return search(key[0], key[1]);
    }

    int bloomThenBinarySearch(BigInteger serial) {
        byte[] bytes = serial.toByteArray();
        if (bytes.length > 16) {
            return -1;
        }
        long[] key = toWords(bytes);
        return mightContain(key[0], key[1]) ? search(key[0], key[1]) : -1;
    }

    private int search(long hi, long lo) {
        int low = 0;
        int high = rows.length / 2 - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = Long.compareUnsigned(rows[2 * mid], hi);
            if (c == 0) c = Long.compareUnsigned(rows[2 * mid + 1], lo);
            if (c < 0) low = mid + 1;
            else if (c > 0) high = mid - 1;
            else return mid;
        }
        return -1;
    }

    private static long hash(long hi, long lo) {
        long h = (hi ^ 0x243f6a8885a308d3L) * 0x9e3779b97f4a7c15L;
        h = (h ^ (h >>> 29) ^ lo) * 0xbf58476d1ce4e5b9L;
        return h ^ (h >>> 32);
    }

    private void addToBloom(long hi, long lo) {
        long h = hash(hi, lo);
        int base = 8 * (int) (((h >>> 32) * blocks) >>> 32);
        for (int k = 0; k < 3; k++) {
            int bit = (int) (h >>> (9 * k)) & 511;
            bloom[base + (bit >>> 6)] |= 1L << bit;
        }
    }

    private boolean mightContain(long hi, long lo) {
        long h = hash(hi, lo);
        int base = 8 * (int) (((h >>> 32) * blocks) >>> 32);
        for (int k = 0; k < 3; k++) {
            int bit = (int) (h >>> (9 * k)) & 511;
            if ((bloom[base + (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private static long[] toWords(byte[] b) {
        long[] out = new long[2];
        long fill = b[0] < 0 ? 0xff : 0;
        for (int w = 0; w < 2; w++) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                int pos = w * 8 + i - (16 - b.length);
                v = (v << 8) | (pos < 0 ? fill : b[pos] & 0xff);
            }
            out[w] = v;
        }
        return out;
    }
}
