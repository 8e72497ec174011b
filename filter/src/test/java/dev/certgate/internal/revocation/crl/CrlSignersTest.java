package dev.certgate.internal.revocation.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.revocation.RfcPki;
import dev.certgate.internal.revocation.RfcPki.Party;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Learned CRL signer candidates: bounded, expiring, per anchor, and never trusted on their own. */
class CrlSignersTest {

    static final Instant NOW = Instant.parse("2031-03-10T12:00:00Z");
    final RfcPki pki = new RfcPki(NOW);

    @Test
    void pastTheLimitTheEldestLearnedCaIsForgottenAndTheNewOneLearned() {
        Party root = pki.cert("Root").ca().build();
        KeyPair shared = RfcPki.ecKeys(); // one key for all CAs: only their number matters here
        CrlSigners signers = new CrlSigners(List.of(root.cert()), List.of());
        Party first = null;
        Party last = null;
        for (int i = 0; i <= CrlSigners.MAX_LEARNED; i++) {
            Party ca = pki.cert("CA " + i).keys(shared).issuer(root).ca().build();
            Party leaf = pki.cert("leaf " + i).keys(shared).issuer(ca).build();
            assertTrue(signers.learn(List.of(leaf.cert(), ca.cert(), root.cert()), root.cert(), NOW));
            first = first == null ? ca : first;
            last = ca;
        }
        assertEquals(CrlSigners.MAX_LEARNED, signers.learnedCount());
        assertNull(signers.learnedAnchorOf(first.cert()), "the eldest went");
        assertSame(root.cert(), signers.learnedAnchorOf(last.cert()), "the newest is learned, under its anchor");
    }

    @Test
    void expiredCasAreDroppedAndPathsFromAnotherAnchorAreNotLearned() {
        Party root = pki.cert("Root").ca().build();
        Party shortLived = pki.cert("short-lived CA")
                .issuer(root)
                .ca()
                .validity(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(1)))
                .build();
        Party leaf = pki.cert("leaf").issuer(shortLived).build();
        CrlSigners signers = new CrlSigners(List.of(root.cert()), List.of());
        assertTrue(signers.learn(List.of(leaf.cert(), shortLived.cert(), root.cert()), root.cert(), NOW));

        Party later = pki.cert("later CA").issuer(root).ca().build();
        Party laterLeaf = pki.cert("later leaf").issuer(later).build();
        assertTrue(signers.learn(
                List.of(laterLeaf.cert(), later.cert(), root.cert()), root.cert(), NOW.plus(Duration.ofDays(2))));
        assertNull(signers.learnedAnchorOf(shortLived.cert()), "expired, so dropped");
        assertEquals(1, signers.learnedCount());

        Party stranger = pki.cert("stranger root").ca().build();
        Party strangerCa = pki.cert("stranger CA").issuer(stranger).ca().build();
        Party strangerLeaf = pki.cert("stranger leaf").issuer(strangerCa).build();
        assertNull(signers.anchor(stranger.cert()), "not an anchor of this host");
        assertNull(signers.anchorAbove(strangerCa.cert()), "issued by no anchor of this host");
        assertSame(
                root.cert(),
                signers.anchorAbove(later.cert()),
                "a path without its root still finds the anchor that issued it");
        Party impostorCa = pki.cert("impostor CA").issuer(stranger).ca().build();
        Party sameNameAsRoot = pki.cert(root.name()).ca().build();
        Party underImpostor =
                pki.cert("under the impostor").issuer(sameNameAsRoot).ca().build();
        assertNull(
                signers.anchorAbove(underImpostor.cert()),
                "the anchor's name alone is not enough: its key must have signed");
        assertNull(signers.anchorAbove(impostorCa.cert()));
    }

    @Test
    void aCaLearnedUnderOneAnchorSignsCrlsOnlyForThatAnchor() throws Exception {
        Party rootA = pki.cert("Root A").ca().build();
        Party rootB = pki.cert("Root B").ca().build();
        Party ca = pki.cert("Issuing CA").issuer(rootA).ca().build();
        Party leaf = pki.cert("leaf").issuer(ca).build();
        CrlSigners signers = new CrlSigners(List.of(rootA.cert(), rootB.cert()), List.of());
        ParsedCrl crl = ParsedCrl.parse(pki.crl(ca).build());
        assertTrue(signers.signerPaths(crl, NOW).isEmpty(), "unknown CA: the CRL waits");
        signers.learn(List.of(leaf.cert(), ca.cert(), rootA.cert()), rootA.cert(), NOW);
        List<SignerPath> paths = signers.signerPaths(crl, NOW);
        assertEquals(1, paths.size());
        assertSame(rootA.cert(), paths.get(0).anchor());
        assertEquals(List.of(ca.cert()), paths.get(0).certs());
    }
}
