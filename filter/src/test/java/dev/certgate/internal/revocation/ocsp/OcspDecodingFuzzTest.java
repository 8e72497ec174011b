package dev.certgate.internal.revocation.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.revocation.crl.CrlParserFuzzTest;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import dev.certgate.testing.TestOcspResponder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * Fuzzing OCSP response decoding and verification with mutated real responses (CA-signed and
 * delegate-signed): nothing but {@link OcspException} escapes, nothing hangs, and a mutated
 * response that is still accepted (a change outside the signed part, e.g. in an unused included
 * certificate) gives exactly the original answer. {@code mvn -Pfuzz} runs ≥ 100,000 inputs.
 */
class OcspDecodingFuzzTest {

    static final Instant NOW = Instant.parse("2031-03-10T12:00:00Z");
    static final TestCa CA = TestCa.root("CN=ocsp fuzz CA,O=certgate rfc test", NOW);
    static final TestIdentity DELEGATE = CA.leaf("CN=ocsp fuzz responder,O=certgate rfc test")
            .ocspSigning()
            .noCheck()
            .issue();
    static final TestIdentity LEAF =
            CA.leaf("CN=ocsp fuzz leaf,O=certgate rfc test").issue();
    static final OcspResponseVerifier VERIFIER =
            new OcspResponseVerifier(List.of(), Duration.ofMinutes(5), Duration.ofHours(1), false);
    static final List<byte[]> RESPONSES =
            List.of(response(CA.identity(), null), response(DELEGATE, CRLReason.keyCompromise));

    static byte[] response(TestIdentity signer, Integer revokedReason) {
        try {
            return TestOcspResponder.response(signer, LEAF.certificate(), CA.certificate(), revokedReason, NOW);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static OcspAnswer verify(byte[] der) throws OcspException {
        return VERIFIER.verify(
                der, LEAF.certificate(), CA.certificate(), CA.certificate().getPublicKey(), null, false, NOW, "fuzz");
    }

    @Property(tries = 2)
    void theUnmutatedResponsesAreAccepted(@ForAll("originals") byte[] original) throws Exception {
        assertTrue(
                verify(original).status().isGood() || verify(original).status().isRevoked());
    }

    @Property
    void aMutatedResponseIsRefusedOrGivesTheOriginalAnswer(@ForAll("mutated") CrlParserFuzzTest.Mutated input)
            throws Exception {
        OcspAnswer answer = input.decode(OcspDecodingFuzzTest::verify, OcspException.class);
        if (answer != null) {
            OcspAnswer original = verify(input.original());
            assertEquals(original, answer, "a mutation may never change the answer");
        }
    }

    @Provide
    Arbitrary<byte[]> originals() {
        return Arbitraries.of(RESPONSES);
    }

    @Provide
    Arbitrary<CrlParserFuzzTest.Mutated> mutated() {
        return CrlParserFuzzTest.Mutated.of(RESPONSES);
    }
}
