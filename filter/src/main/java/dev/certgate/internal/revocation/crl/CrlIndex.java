package dev.certgate.internal.revocation.crl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import javax.security.auth.x500.X500Principal;

/**
 * The revoked serials of one CRL, compact and immutable, laid out as a static hash table.
 *
 * <p>Each serial is stored as a fixed-width two's-complement big-endian row of {@code width}
 * octets (the longest serial of the CRL) in one {@code byte[]}. Rows are grouped by bucket, a
 * seeded hash of the serial mapped onto {@code size()} buckets, and {@code bucketStart} holds where
 * each bucket begins (4 bytes per entry). A lookup reads one directory slot and, on average, one
 * row: two cache misses at most, for revoked and good serials alike, where a binary search over
 * 1M rows takes ~20 dependent probes, most of them misses. Side tables keep the reason (1 byte),
 * revocation date (4 bytes, unsigned epoch seconds) and, only for indirect CRLs, the certificate
 * issuer (4 bytes). The seed is random per index, so serials a CA picks cannot be made to pile
 * into one bucket.
 */
final class CrlIndex {

    static final byte NO_REASON = -1;
    /** Rows are read 8 octets at a time ending at the row's end; the padding keeps row 0 in bounds. */
    static final int PAD = 8;

    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int width;
    private final int chunks;
    private final long topMask;
    private final long seed;
    private final int[] bucketStart;
    private final byte[] rows;
    private final byte[] reasons;
    private final int[] dates;
    private final int[] issuerIds;
    private final X500Principal[] issuers;

    CrlIndex(
            int width,
            long seed,
            int[] bucketStart,
            byte[] rows,
            byte[] reasons,
            int[] dates,
            int[] issuerIds,
            X500Principal[] issuers) {
        this.width = width;
        this.chunks = chunks(width);
        this.topMask = topMask(width);
        this.seed = seed;
        this.bucketStart = bucketStart;
        this.rows = rows;
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
        long bytes = 16L + rows.length + 16 + bucketStart.length * 4L + 16 + reasons.length + 16 + dates.length * 4L;
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
        long[] key = key(serial);
        return key == null ? -1 : find(key, certIssuer);
    }

    /**
     * The serial as this index compares it: 64-bit chunks of its {@code width}-octet
     * two's-complement form, lowest first; null when it is wider than every row.
     */
    long[] key(BigInteger serial) {
        if (serial.bitLength() >= width * 8) {
            return null; // needs more octets than the longest revoked serial
        }
        long[] key = new long[chunks];
        if (chunks == 1) {
            key[0] = serial.longValue() & topMask; // no toByteArray for serials of up to 8 octets
            return key;
        }
        byte[] b = serial.toByteArray();
        long fill = b[0] < 0 ? 0xff : 0;
        for (int j = 0; j < chunks; j++) {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                int pos = b.length - 1 - (8 * j + i);
                v = (v << 8) | (pos < 0 ? fill : b[pos] & 0xff);
            }
            key[j] = v;
        }
        key[chunks - 1] &= topMask;
        return key;
    }

    /** The row of a {@link #key}, or -1. */
    int find(long[] key, X500Principal certIssuer) {
        int bucket = bucket(hash(seed, key), bucketStart.length - 1);
        int end = bucketStart[bucket + 1];
        for (int row = bucketStart[bucket]; row < end; row++) {
            if (rowEquals(row, key) && (issuerIds == null || issuers[issuerIds[row]].equals(certIssuer))) {
                return row;
            }
        }
        return -1;
    }

    /**
     * The row of a certificate's serial, or -1, without allocating (the request path): the key's
     * chunks are read from the {@link SerialKey} derived once per certificate.
     */
    int find(SerialKey serial, X500Principal certIssuer) {
        if (serial.bitLength() >= width * 8) {
            return -1; // needs more octets than the longest revoked serial
        }
        long h = seed;
        for (int j = 0; j < chunks; j++) {
            long chunk = j == chunks - 1 ? serial.chunk(j) & topMask : serial.chunk(j);
            h = (h ^ chunk) * 0x9e3779b97f4a7c15L;
            h ^= h >>> 29;
        }
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        int bucket = bucket(h, bucketStart.length - 1);
        int end = bucketStart[bucket + 1];
        for (int row = bucketStart[bucket]; row < end; row++) {
            if (rowEquals(row, serial) && (issuerIds == null || issuers[issuerIds[row]].equals(certIssuer))) {
                return row;
            }
        }
        return -1;
    }

    private boolean rowEquals(int row, SerialKey serial) {
        int end = PAD + (row + 1) * width;
        for (int j = 0; j < chunks; j++) {
            long chunk = j == chunks - 1 ? serial.chunk(j) & topMask : serial.chunk(j);
            if (chunk(rows, end, j, chunks, topMask) != chunk) {
                return false;
            }
        }
        return true;
    }

    /** The reason code of a row, or {@link #NO_REASON}. */
    int reasonCode(int row) {
        return reasons[row];
    }

    long revocationEpochSecond(int row) {
        return Integer.toUnsignedLong(dates[row]);
    }

    private boolean rowEquals(int row, long[] key) {
        // lowest chunk first: it differs for almost every other serial in the bucket
        int end = PAD + (row + 1) * width;
        for (int j = 0; j < chunks; j++) {
            if (chunk(rows, end, j, chunks, topMask) != key[j]) {
                return false;
            }
        }
        return true;
    }

    /** Chunk j (lowest first) of the row ending before end; the top chunk is masked to the row. */
    static long chunk(byte[] rows, int end, int j, int chunks, long topMask) {
        long v = (long) BIG_ENDIAN_LONG.get(rows, end - 8 * (j + 1));
        return j == chunks - 1 ? v & topMask : v;
    }

    static int chunks(int width) {
        return (width + 7) / 8;
    }

    static long topMask(int width) {
        int topOctets = width - 8 * (chunks(width) - 1);
        return topOctets == 8 ? -1L : (1L << (8 * topOctets)) - 1;
    }

    static long hash(long seed, long[] key) {
        long h = seed;
        for (long chunk : key) {
            h = (h ^ chunk) * 0x9e3779b97f4a7c15L;
            h ^= h >>> 29;
        }
        h *= 0xbf58476d1ce4e5b9L;
        return h ^ (h >>> 32);
    }

    /** Maps the hash's top 32 bits onto [0, buckets) without a division (Lemire's multiply-shift). */
    static int bucket(long hash, int buckets) {
        return (int) (((hash >>> 32) * buckets) >>> 32);
    }
}
