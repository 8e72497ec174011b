package dev.certgate.internal.revocation.crl;

import java.math.BigInteger;

/**
 * A certificate serial as the index compares it, derived once per certificate object: its
 * two's-complement form as 64-bit chunks, lowest first, sign-extended beyond them. Lets
 * {@link CrlIndex#find(SerialKey, javax.security.auth.x500.X500Principal)} probe any index width
 * without allocating.
 */
final class SerialKey {

    /** The lowest three chunks in fields (24 octets: RFC 5280 serials fit), any further ones in rest. */
    private final long c0;

    private final long c1;
    private final long c2;
    private final long[] rest;
    private final int stored;
    private final long fill;
    private final int bitLength;

    SerialKey(BigInteger serial) {
        byte[] b = serial.toByteArray();
        this.fill = b[0] < 0 ? -1L : 0L;
        this.bitLength = serial.bitLength();
        int count = (b.length + 7) / 8;
        long[] chunks = new long[Math.max(3, count)];
        for (int j = 0; j < count; j++) {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                int pos = b.length - 1 - (8 * j + i);
                v = (v << 8) | (pos < 0 ? fill & 0xff : b[pos] & 0xff);
            }
            chunks[j] = v;
        }
        for (int j = count; j < 3; j++) {
            chunks[j] = fill;
        }
        this.c0 = chunks[0];
        this.c1 = chunks[1];
        this.c2 = chunks[2];
        this.stored = count;
        this.rest = count > 3 ? chunks : null; // the request path reads fields, not an array, for real serials
    }

    /** Chunk j, lowest first; beyond the stored ones, the sign extension. */
    long chunk(int j) {
        return switch (j) {
            case 0 -> c0;
            case 1 -> c1;
            case 2 -> c2;
            default -> j < stored ? rest[j] : fill;
        };
    }

    /** BigInteger.bitLength(): the serial fits a row of width octets when this is below 8 * width. */
    int bitLength() {
        return bitLength;
    }
}
