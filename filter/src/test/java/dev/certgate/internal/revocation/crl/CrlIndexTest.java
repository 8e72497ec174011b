package dev.certgate.internal.revocation.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** The hashed index against a HashSet oracle: every width, both signs, bucket collisions, indirect rows. */
class CrlIndexTest {

    static final X500Principal CA = new X500Principal("CN=CA");
    static final X500Principal OTHER = new X500Principal("CN=Other CA");

    /** Builds an index straight from serials (the DER path is covered by CrlSourceTest). */
    static CrlIndex index(List<BigInteger> serials, int[] issuerIds, long seed) {
        int width = 1;
        for (BigInteger s : serials) {
            width = Math.max(width, s.toByteArray().length);
        }
        byte[] rows = new byte[CrlIndex.PAD + serials.size() * width];
        byte[] reasons = new byte[serials.size()];
        int[] dates = new int[serials.size()];
        for (int i = 0; i < serials.size(); i++) {
            byte[] b = serials.get(i).toByteArray();
            CrlIndexBuilder.writeRow(b, 0, b.length, rows, CrlIndex.PAD + i * width, width);
            reasons[i] = (byte) (i % 11);
            dates[i] = i;
        }
        return CrlIndexBuilder.bucketed(width, rows, reasons, dates, issuerIds, new X500Principal[] {CA, OTHER}, seed);
    }

    static BigInteger random(Random random, int octets) {
        BigInteger s = new BigInteger(octets * 8 - 1, random);
        return random.nextBoolean() ? s.negate() : s;
    }

    @Test
    void everyWidthAndSignAgreesWithTheOracle() {
        Random random = new Random(1);
        for (int width = 1; width <= 24; width++) {
            List<BigInteger> revoked = new ArrayList<>();
            Set<BigInteger> oracle = new HashSet<>();
            for (int i = 0; i < 400; i++) {
                BigInteger s = random(random, 1 + random.nextInt(width));
                revoked.add(s);
                oracle.add(s);
            }
            // the extremes of the widest rows
            BigInteger top = BigInteger.ONE.shiftLeft(width * 8 - 1);
            revoked.add(top.subtract(BigInteger.ONE));
            revoked.add(top.negate());
            oracle.addAll(revoked.subList(revoked.size() - 2, revoked.size()));
            CrlIndex index = index(revoked, null, random.nextLong());
            for (BigInteger s : oracle) {
                int row = index.find(s, CA);
                assertTrue(row >= 0, "width " + width + ": " + s.toString(16));
            }
            for (int i = 0; i < 2000; i++) {
                BigInteger probe = random(random, 1 + random.nextInt(width + 2));
                assertEquals(
                        oracle.contains(probe),
                        index.find(probe, CA) >= 0,
                        "width " + width + ": " + probe.toString(16));
            }
            assertEquals(-1, index.find(top, CA), "one past the widest row");
            assertEquals(-1, index.find(top.negate().subtract(BigInteger.ONE), CA));
        }
    }

    @Test
    void aBucketHitThatIsNotTheSerialFallsThroughToTheExactCompare() {
        Random random = new Random(2);
        List<BigInteger> revoked = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            revoked.add(new BigInteger(127, random));
        }
        long seed = 99;
        CrlIndex index = index(revoked, null, seed);
        Set<BigInteger> oracle = new HashSet<>(revoked);
        int sharedBuckets = 0;
        for (int i = 0; i < 20_000; i++) {
            BigInteger probe = new BigInteger(127, random);
            long[] key = index.key(probe);
            int bucket = CrlIndex.bucket(CrlIndex.hash(seed, key), revoked.size());
            for (BigInteger s : revoked) {
                if (CrlIndex.bucket(CrlIndex.hash(seed, index.key(s)), revoked.size()) == bucket) {
                    sharedBuckets++;
                    break;
                }
            }
            assertEquals(oracle.contains(probe), index.find(probe, CA) >= 0);
            if (sharedBuckets > 50) {
                break;
            }
        }
        assertTrue(sharedBuckets > 50, "probes that land in an occupied bucket: " + sharedBuckets);
    }

    @Test
    void serialsThatDifferOnlyAboveTheLowChunkAreTold() {
        BigInteger low = new BigInteger("1234567890abcdef", 16);
        BigInteger high = low.add(BigInteger.ONE.shiftLeft(64)); // same low 64 bits
        BigInteger negative = low.subtract(BigInteger.ONE.shiftLeft(72)); // same low 64 bits, other sign
        for (long seed = 0; seed < 64; seed++) {
            CrlIndex index = index(List.of(low, BigInteger.TEN.shiftLeft(70)), null, seed);
            assertTrue(index.find(low, CA) >= 0);
            assertEquals(-1, index.find(high, CA));
            assertEquals(-1, index.find(negative, CA));
        }
    }

    @Test
    void indirectRowsMatchOnlyTheirIssuer() {
        BigInteger s = new BigInteger("77", 16);
        BigInteger t = new BigInteger("78", 16);
        for (long seed = 0; seed < 16; seed++) {
            CrlIndex index = index(List.of(s, s, t), new int[] {0, 1, 1}, seed);
            int ca = index.find(s, CA);
            int other = index.find(s, OTHER);
            assertTrue(ca >= 0 && other >= 0 && ca != other);
            assertEquals(0, index.reasonCode(ca));
            assertEquals(1, index.reasonCode(other));
            assertEquals(-1, index.find(t, CA));
            assertTrue(index.find(t, OTHER) >= 0);
        }
    }

    @Test
    void emptyIndexFindsNothing() {
        CrlIndex index = CrlIndexBuilder.bucketed(
                1, new byte[CrlIndex.PAD], new byte[0], new int[0], null, new X500Principal[] {CA}, 5);
        assertEquals(-1, index.find(BigInteger.ZERO, CA));
        assertEquals(-1, index.find(BigInteger.TWO.pow(200), CA));
    }
}
