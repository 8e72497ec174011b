package dev.certgate.revocation.crl;

import java.math.BigInteger;
import javax.security.auth.x500.X500Principal;

/**
 * The revoked serials of one CRL, compact and immutable: serials as fixed-width two's-complement
 * big-endian words in one sorted {@code long[]} (16 bytes per entry for serials up to 16 octets),
 * with side tables for reason (1 byte) and revocation date (4 bytes, unsigned epoch seconds) and,
 * only for indirect CRLs, the certificate issuer (4 bytes). A lookup is one binary search.
 */
final class CrlIndex {

    static final byte NO_REASON = -1;

    private final int words;
    private final long[] serials;
    private final byte[] reasons;
    private final int[] dates;
    private final int[] issuerIds;
    private final X500Principal[] issuers;

    CrlIndex(int words, long[] serials, byte[] reasons, int[] dates, int[] issuerIds, X500Principal[] issuers) {
        this.words = words;
        this.serials = serials;
        this.reasons = reasons;
        this.dates = dates;
        this.issuerIds = issuerIds;
        this.issuers = issuers;
    }

    int size() {
        return reasons.length;
    }

    /** Approximate heap held by the arrays (what a 1M-entry CRL costs to keep). */
    long retainedBytes() {
        long bytes = 16L + serials.length * 8L + 16 + reasons.length + 16 + dates.length * 4L;
        if (issuerIds != null) {
            bytes += 16 + issuerIds.length * 4L;
        }
        return bytes;
    }

    /**
     * The row of serial, or -1. For an indirect CRL only a row whose certificate issuer is
     * certIssuer counts.
     */
    int find(BigInteger serial, X500Principal certIssuer) {
        byte[] bytes = serial.toByteArray();
        if (bytes.length > words * 8) {
            return -1;
        }
        long[] key = toWords(bytes, 0, bytes.length, words);
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compareRowToKey(mid, key);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return issuerIds == null ? mid : findWithIssuer(mid, key, certIssuer);
            }
        }
        return -1;
    }

    private int findWithIssuer(int hit, long[] key, X500Principal certIssuer) {
        int first = hit;
        while (first > 0 && compareRowToKey(first - 1, key) == 0) {
            first--;
        }
        for (int row = first; row < size() && compareRowToKey(row, key) == 0; row++) {
            if (issuers[issuerIds[row]].equals(certIssuer)) {
                return row;
            }
        }
        return -1;
    }

    /** The reason code of a row, or {@link #NO_REASON}. */
    int reasonCode(int row) {
        return reasons[row];
    }

    long revocationEpochSecond(int row) {
        return Integer.toUnsignedLong(dates[row]);
    }

    private int compareRowToKey(int row, long[] key) {
        int base = row * words;
        for (int w = 0; w < words; w++) {
            int c = Long.compareUnsigned(serials[base + w], key[w]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Sign-extends a two's-complement big-endian integer to words longs. */
    static long[] toWords(byte[] b, int from, int to, int words) {
        long[] out = new long[words];
        writeWords(b, from, to, out, 0, words);
        return out;
    }

    static void writeWords(byte[] b, int from, int to, long[] out, int offset, int words) {
        int width = words * 8;
        int length = to - from;
        long fill = length > 0 && b[from] < 0 ? 0xff : 0;
        for (int w = 0; w < words; w++) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                int pos = w * 8 + i - (width - length);
                long octet = pos < 0 ? fill : b[from + pos] & 0xff;
                v = (v << 8) | octet;
            }
            out[offset + w] = v;
        }
    }
}
