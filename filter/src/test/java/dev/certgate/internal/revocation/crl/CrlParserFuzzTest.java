package dev.certgate.internal.revocation.crl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestCrl;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ReasonFlags;

/**
 * Fuzzing the DER CRL parser and the CRL acceptance path with mutated real CRLs (bytes flipped,
 * inserted, deleted, truncated, duplicated): nothing but {@link CrlException} escapes, nothing
 * hangs, and a CRL that differs from what the CA signed is never accepted. A short run in the
 * default build; {@code mvn -Pfuzz} runs ≥ 100,000 inputs per property.
 */
public class CrlParserFuzzTest {

    static final Instant NOW = Instant.parse("2031-03-10T12:00:00Z");
    static final TestCa ROOT = TestCa.selfSigned(new X500Name("CN=fuzz root,O=certgate rfc test"), NOW)
            .keys(TestCa.newKeyPair("RSA"))
            .issueCa();
    static final CrlSigners SIGNERS = new CrlSigners(List.of(ROOT.certificate()), List.of());
    static final List<byte[]> CRLS = List.of(
            ROOT.crl()
                    .number(7)
                    .revoke(java.math.BigInteger.valueOf(4711), CRLReason.keyCompromise)
                    .revoke(new java.math.BigInteger("-129"), CRLReason.certificateHold)
                    .revoke(new java.math.BigInteger("123456789012345678901234567890"), CRLReason.superseded)
                    .build(),
            ROOT.crl()
                    .number(8)
                    .delta(7)
                    .issuingDistributionPoint(TestCrl.idp(
                            TestCrl.relativeName("Partition 1"),
                            false,
                            false,
                            new ReasonFlags(ReasonFlags.keyCompromise),
                            true))
                    .freshestCrl("http://crl.example/delta.crl")
                    .revoke(
                            java.math.BigInteger.TEN,
                            CRLReason.removeFromCRL,
                            new X500Name("CN=other CA,O=certgate rfc test"))
                    .revoke(java.math.BigInteger.TWO, CRLReason.cACompromise)
                    .build());

    /** The real CRLs themselves are accepted: the property below is not vacuous. */
    @Property(tries = 2)
    void theUnmutatedCrlsAreAccepted(@ForAll("originals") byte[] original) throws Exception {
        assertTrue(accepted(original), "a real CRL must be accepted");
    }

    @Property
    void aMutatedCrlIsRefusedAndNothingButCrlExceptionEscapes(@ForAll("mutatedCrls") Mutated input) throws Exception {
        Boolean accepted = input.decode(CrlParserFuzzTest::accepted, CrlException.class);
        if (accepted != null && accepted) {
            assertArrayEquals(input.original(), input.bytes(), "only the CA's own bytes may be used");
        }
    }

    /** What CrlSource does before installing a CRL: parse, usability, signer path and signature, index. */
    static boolean accepted(byte[] bytes) throws CrlException {
        ParsedCrl crl = ParsedCrl.parse(bytes);
        CrlVerifier.checkUsable(crl);
        if (crl.extensions().issuingDistributionPoint() != null) {
            try {
                DistributionPoints.ofCrl(crl.extensions().issuingDistributionPoint(), crl.issuer());
            } catch (java.io.IOException | RuntimeException e) {
                throw new CrlException("malformed issuing distribution point", e);
            }
        }
        if (SIGNERS.signerPaths(crl, NOW).isEmpty()) {
            return false;
        }
        CrlIndexBuilder.build(crl);
        return true;
    }

    @Provide
    Arbitrary<byte[]> originals() {
        return Arbitraries.of(CRLS);
    }

    @Provide
    Arbitrary<Mutated> mutatedCrls() {
        return Mutated.of(CRLS);
    }

    /** A real input and a mutation of it. */
    public record Mutated(byte[] original, byte[] bytes) {
        /** What a decoder makes of the bytes. */
        public interface Decoder<T> {
            T decode(byte[] bytes) throws Exception;
        }

        /**
         * Decodes the mutated bytes: the answer, or null when the decoder refuses them with a
         * refusal exception (any other exception escapes and fails the property); no input may
         * take seconds.
         */
        public <T> T decode(Decoder<T> decoder, Class<? extends Exception> refusal) throws Exception {
            long started = System.nanoTime();
            T answer;
            try {
                answer = decoder.decode(bytes);
            } catch (Exception e) {
                if (!refusal.isInstance(e)) {
                    throw e;
                }
                answer = null;
            }
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "no input may take seconds");
            return answer;
        }

        @Override
        public String toString() {
            return "mutation of " + original.length + " bytes into " + bytes.length;
        }

        public static Arbitrary<Mutated> of(List<byte[]> originals) {
            Arbitrary<int[]> op = Combinators.combine(
                            Arbitraries.integers().between(0, 4),
                            Arbitraries.integers().between(0, 1 << 20),
                            Arbitraries.integers().between(1, 255),
                            Arbitraries.integers().between(1, 24))
                    .as((kind, at, value, length) -> new int[] {kind, at, value, length});
            return Combinators.combine(
                            Arbitraries.of(originals), op.list().ofMinSize(1).ofMaxSize(4))
                    .as((original, ops) -> {
                        byte[] b = original.clone();
                        for (int[] o : ops) {
                            b = apply(b, o[0], o[1], o[2], o[3]);
                        }
                        return new Mutated(original, b);
                    });
        }

        static byte[] apply(byte[] b, int kind, int at, int value, int length) {
            if (b.length == 0) {
                return new byte[] {(byte) value};
            }
            int p = at % b.length;
            switch (kind) {
                case 0: { // flip bits of one byte
                    byte[] out = b.clone();
                    out[p] ^= (byte) value;
                    return out;
                }
                case 1: { // insert bytes
                    byte[] out = new byte[b.length + length];
                    System.arraycopy(b, 0, out, 0, p);
                    java.util.Arrays.fill(out, p, p + length, (byte) value);
                    System.arraycopy(b, p, out, p + length, b.length - p);
                    return out;
                }
                case 2: { // delete bytes
                    int n = Math.min(length, b.length - p);
                    byte[] out = new byte[b.length - n];
                    System.arraycopy(b, 0, out, 0, p);
                    System.arraycopy(b, p + n, out, p, b.length - p - n);
                    return out;
                }
                case 3: // truncate
                    return java.util.Arrays.copyOf(b, p);
                default: { // duplicate a segment in place after itself
                    int n = Math.min(length, b.length - p);
                    byte[] out = new byte[b.length + n];
                    System.arraycopy(b, 0, out, 0, p + n);
                    System.arraycopy(b, p, out, p + n, b.length - p);
                    return out;
                }
            }
        }
    }
}
