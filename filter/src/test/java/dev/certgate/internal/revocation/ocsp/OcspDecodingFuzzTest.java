package dev.certgate.internal.revocation.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.revocation.RfcPki;
import dev.certgate.internal.revocation.RfcPki.Party;
import dev.certgate.internal.revocation.crl.CrlParserFuzzTest;
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
    static final RfcPki PKI = new RfcPki(NOW);
    static final Party CA = PKI.cert("ocsp fuzz CA").ca().build();
    static final Party DELEGATE =
            PKI.cert("ocsp fuzz responder").issuer(CA).ocspSigning().noCheck().build();
    static final Party LEAF = PKI.cert("ocsp fuzz leaf").issuer(CA).build();
    static final OcspResponseVerifier VERIFIER =
            new OcspResponseVerifier(List.of(), Duration.ofMinutes(5), Duration.ofHours(1), false);
    static final List<byte[]> RESPONSES = List.of(
            PKI.ocsp(CA, LEAF.cert(), CA.cert(), null),
            PKI.ocsp(DELEGATE, LEAF.cert(), CA.cert(), CRLReason.keyCompromise, DELEGATE.cert()));

    static OcspAnswer verify(byte[] der) throws OcspException {
        return VERIFIER.verify(der, LEAF.cert(), CA.cert(), CA.cert().getPublicKey(), null, false, NOW, "fuzz");
    }

    @Property(tries = 2)
    void theUnmutatedResponsesAreAccepted(@ForAll("originals") byte[] original) throws Exception {
        assertTrue(
                verify(original).status().isGood() || verify(original).status().isRevoked());
    }

    @Property
    void aMutatedResponseIsRefusedOrGivesTheOriginalAnswer(@ForAll("mutated") CrlParserFuzzTest.Mutated input)
            throws Exception {
        long started = System.nanoTime();
        OcspAnswer answer;
        try {
            answer = verify(input.bytes());
        } catch (OcspException e) {
            answer = null;
        }
        if (answer != null) {
            OcspAnswer original = verify(input.original());
            assertEquals(original, answer, "a mutation may never change the answer");
        }
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "no input may take seconds");
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
