package dev.certgate.internal.revocation.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Learned CRL signer candidates: bounded, expiring, per anchor, and never trusted on their own. */
class CrlSignersTest {

    static final Instant NOW = Instant.parse("2031-03-10T12:00:00Z");

    static String dn(String cn) {
        return "CN=" + cn + ",O=certgate rfc test";
    }

    static TestCa root(String cn) {
        return TestCa.root(dn(cn), NOW);
    }

    @Test
    void pastTheLimitTheEldestLearnedCaIsForgottenAndTheNewOneLearned() {
        TestCa root = root("Root");
        KeyPair shared = TestCa.newKeyPair(); // one key for all CAs: only their number matters here
        CrlSigners signers = new CrlSigners(List.of(root.certificate()), List.of());
        TestCa first = null;
        TestCa last = null;
        for (int i = 0; i <= CrlSigners.MAX_LEARNED; i++) {
            TestCa ca = root.subordinate(dn("CA " + i)).keys(shared).issueCa();
            TestIdentity leaf = ca.leaf(dn("leaf " + i)).keys(shared).issue();
            assertTrue(signers.learn(
                    List.of(leaf.certificate(), ca.certificate(), root.certificate()), root.certificate(), NOW));
            first = first == null ? ca : first;
            last = ca;
        }
        assertEquals(CrlSigners.MAX_LEARNED, signers.learnedCount());
        assertNull(signers.learnedAnchorOf(first.certificate()), "the eldest went");
        assertSame(
                root.certificate(),
                signers.learnedAnchorOf(last.certificate()),
                "the newest is learned, under its anchor");
    }

    @Test
    void expiredCasAreDroppedAndPathsFromAnotherAnchorAreNotLearned() {
        TestCa root = root("Root");
        TestCa shortLived = root.subordinate(dn("short-lived CA"))
                .validity(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(1)))
                .issueCa();
        TestIdentity leaf = shortLived.leaf(dn("leaf")).issue();
        CrlSigners signers = new CrlSigners(List.of(root.certificate()), List.of());
        assertTrue(signers.learn(
                List.of(leaf.certificate(), shortLived.certificate(), root.certificate()), root.certificate(), NOW));

        TestCa later = root.subordinate(dn("later CA")).issueCa();
        TestIdentity laterLeaf = later.leaf(dn("later leaf")).issue();
        assertTrue(signers.learn(
                List.of(laterLeaf.certificate(), later.certificate(), root.certificate()),
                root.certificate(),
                NOW.plus(Duration.ofDays(2))));
        assertNull(signers.learnedAnchorOf(shortLived.certificate()), "expired, so dropped");
        assertEquals(1, signers.learnedCount());

        TestCa stranger = root("stranger root");
        TestCa strangerCa = stranger.subordinate(dn("stranger CA")).issueCa();
        TestIdentity strangerLeaf = strangerCa.leaf(dn("stranger leaf")).issue();
        assertNull(signers.anchor(stranger.certificate()), "not an anchor of this host");
        assertNull(signers.anchorAbove(strangerCa.certificate()), "issued by no anchor of this host");
        assertSame(
                root.certificate(),
                signers.anchorAbove(later.certificate()),
                "a path without its root still finds the anchor that issued it");
        TestCa impostorCa = stranger.subordinate(dn("impostor CA")).issueCa();
        TestCa sameNameAsRoot = TestCa.selfSigned(root.name(), NOW).issueCa();
        TestCa underImpostor =
                sameNameAsRoot.subordinate(dn("under the impostor")).issueCa();
        assertNull(
                signers.anchorAbove(underImpostor.certificate()),
                "the anchor's name alone is not enough: its key must have signed");
        assertNull(signers.anchorAbove(impostorCa.certificate()));
    }

    @Test
    void aCaLearnedUnderOneAnchorSignsCrlsOnlyForThatAnchor() throws Exception {
        TestCa rootA = root("Root A");
        TestCa rootB = root("Root B");
        TestCa ca = rootA.subordinate(dn("Issuing CA")).issueCa();
        TestIdentity leaf = ca.leaf(dn("leaf")).issue();
        CrlSigners signers = new CrlSigners(List.of(rootA.certificate(), rootB.certificate()), List.of());
        ParsedCrl crl = ParsedCrl.parse(ca.crl().build());
        assertTrue(signers.signerPaths(crl, NOW).isEmpty(), "unknown CA: the CRL waits");
        signers.learn(List.of(leaf.certificate(), ca.certificate(), rootA.certificate()), rootA.certificate(), NOW);
        List<SignerPath> paths = signers.signerPaths(crl, NOW);
        assertEquals(1, paths.size());
        assertSame(rootA.certificate(), paths.get(0).anchor());
        assertEquals(List.of(ca.certificate()), paths.get(0).certs());
    }
}
