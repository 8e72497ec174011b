package dev.certgate.revocation.crl;

import java.math.BigInteger;

/**
 * A certificate serial as the index compares it, derived once per certificate object: its
 * two's-complement form as 64-bit chunks, lowest first, sign-extended beyond them. Lets
 * {@link CrlIndex#find(SerialKey, javax.security.auth.x500.X500Principal)} probe any index width
 * without allocating.
 */
final class SerialKey {

    private final long[] chunks;
    private final long fill;
    private final int bitLength;

    SerialKey(BigInteger serial) {
        byte[] b = serial.toByteArray();
        this.fill = b[0] < 0 ? -1L : 0L;
        this.bitLength = serial.bitLength();
        int count = (b.length + 7) / 8;
        chunks = new long[count];
        for (int j = 0; j < count; j++) {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                int pos = b.length - 1 - (8 * j + i);
                v = (v << 8) | (pos < 0 ? fill & 0xff : b[pos] & 0xff);
            }
            chunks[j] = v;
        }
    }

    /** Chunk j, lowest first; beyond the stored ones, the sign extension. */
    long chunk(int j) {
        return j < chunks.length ? chunks[j] : fill;
    }

    /** BigInteger.bitLength(): the serial fits a row of width octets when this is below 8 * width. */
    int bitLength() {
        return bitLength;
    }
}
