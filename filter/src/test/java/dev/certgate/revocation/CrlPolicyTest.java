package dev.certgate.revocation;

import static dev.certgate.testpki.TestPki.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testpki.MapSettings;
import dev.certgate.testpki.TestPki;
import dev.certgate.testpki.TestPki.Issued;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CRL checking through the public policy: what is accepted, and every rejection path → UNKNOWN. */
class CrlPolicyTest {

    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static ScheduledExecutorService scheduler;
    static Issued root;
    static Issued ca;
    static Issued leaf;
    static Issued revokedLeaf;
    static Issued heldLeaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-revocation");
            t.setDaemon(true);
            return t;
        });
        root = TestPki.root("Root");
        ca = TestPki.cert("Issuing CA").issuer(root).ca().crlDistributionPoint("http://crl.example/root.crl").build();
        leaf = TestPki.cert("good client").issuer(ca).crlDistributionPoint("http://crl.example/ca.crl").build();
        revokedLeaf = TestPki.cert("revoked client").issuer(ca).crlDistributionPoint("http://crl.example/ca.crl").build();
        heldLeaf = TestPki.cert("held client").issuer(ca).build();
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
    }

    TestPki.CrlBuilder caCrl() {
        return TestPki.crl(ca)
                .revoke(revokedLeaf.cert().getSerialNumber(), CRLReason.keyCompromise)
                .revoke(heldLeaf.cert().getSerialNumber(), CRLReason.certificateHold);
    }

    RevocationPolicy policy(byte[] crl, UnaryOperator<MapSettings> more) throws Exception {
        Path file = Files.write(dir.resolve("ca-" + System.nanoTime() + ".crl"), crl);
        MapSettings settings = MapSettings.of("checkers", "crl", "scope", "leaf", "crl.sources", file.toUri().toString());
        return RevocationPolicy.create(more.apply(settings), List.of(root.cert()), scheduler, CLOCK);
    }

    RevocationResult check(byte[] crl, Issued cert) throws Exception {
        try (RevocationPolicy policy = policy(crl, s -> s)) {
            return policy.check(List.of(cert.cert(), ca.cert(), root.cert()), NOW);
        }
    }

    void assertUnknown(RevocationResult result, String causeFragment) {
        assertEquals(RevocationResult.Status.UNKNOWN, result.status(), result.toString());
        assertTrue(result.revoked(), "hard-fail turns UNKNOWN into revoked");
        assertTrue(result.detail().contains(causeFragment), result.detail());
    }

    @Test
    void goodRevokedAndHeld() throws Exception {
        byte[] crl = caCrl().build();
        try (RevocationPolicy policy = policy(crl, s -> s)) {
            RevocationResult good = policy.check(List.of(leaf.cert(), ca.cert(), root.cert()), NOW);
            assertEquals(RevocationResult.Status.GOOD, good.status(), good.toString());
            assertFalse(good.revoked());
            RevocationResult revoked = policy.check(List.of(revokedLeaf.cert(), ca.cert(), root.cert()), NOW);
            assertEquals(RevocationResult.Status.REVOKED, revoked.status());
            assertTrue(revoked.revoked());
            assertTrue(revoked.detail().contains("KEY_COMPROMISE"), revoked.detail());
            RevocationResult held = policy.check(List.of(heldLeaf.cert(), ca.cert(), root.cert()), NOW);
            assertEquals(RevocationResult.Status.REVOKED, held.status());
            assertTrue(held.detail().contains("CERTIFICATE_HOLD"), held.detail());
        }
    }

    @Test
    void theDeltaNamedByFreshestCrlIsFetchedWhenItsHostIsAllowed() throws Exception {
        RfcPki pki = new RfcPki(NOW);
        RfcPki.Party rfcRoot = pki.cert("freshest root").ca().build();
        RfcPki.Party client = pki.cert("revoked in the delta").issuer(rfcRoot).build();
        try (dev.certgate.testpki.TestHttpServer baseServer = dev.certgate.testpki.TestHttpServer.crlServer();
             dev.certgate.testpki.TestHttpServer deltaServer = dev.certgate.testpki.TestHttpServer.crlServer()) {
            String deltaUrl = deltaServer.url("/delta.crl");
            baseServer.serve(pki.crl(rfcRoot).number(20).freshest(deltaUrl).build(), "Tue, 15 Jan 2030 10:00:00 GMT");
            deltaServer.serve(pki.crl(rfcRoot).number(21).deltaOf(20).revoke(client.serial(), CRLReason.keyCompromise).build(),
                    "Tue, 15 Jan 2030 10:00:00 GMT");
            List<java.security.cert.X509Certificate> path = List.of(client.cert(), rfcRoot.cert());
            try (RevocationPolicy policy = RevocationPolicy.create(MapSettings.of("checkers", "crl", "crl.sources", baseServer.url("/base.crl")),
                    List.of(rfcRoot.cert()), scheduler, CLOCK)) {
                assertEquals(RevocationResult.Status.GOOD, policy.check(path, NOW).status(), "CDP fetching off: the base alone");
            }
            try (RevocationPolicy policy = RevocationPolicy.create(MapSettings.of("checkers", "crl", "crl.sources", baseServer.url("/base.crl"),
                    "crl.cdp.allowed-hosts", "127.0.0.1"), List.of(rfcRoot.cert()), scheduler, CLOCK)) {
                assertEquals(RevocationResult.Status.REVOKED, policy.check(path, NOW).status());
                assertEquals(1, deltaServer.requests.get());
            }
        }
    }

    @Test
    void aPathWithoutItsRootFindsTheAnchorThatIssuedIt() throws Exception {
        // certgate.verification=container hands over the chain as sent, usually without the root.
        try (RevocationPolicy policy = policy(caCrl().build(), s -> s)) {
            assertEquals(RevocationResult.Status.REVOKED, policy.check(List.of(revokedLeaf.cert(), ca.cert()), NOW).status());
            assertEquals(RevocationResult.Status.GOOD, policy.check(List.of(leaf.cert(), ca.cert()), NOW).status());
            Issued stranger = TestPki.cert("Issuing CA").ca().build(); // the CA's name, no anchor above it
            Issued strangersLeaf = TestPki.cert("good client").issuer(stranger).build();
            assertUnknown(policy.check(List.of(strangersLeaf.cert(), stranger.cert()), NOW), "does not lead to a trust anchor");
        }
    }

    @Test
    void intermediateCrlWaitsForItsIssuerFromTheVerifiedPath() throws Exception {
        // Only the root is configured: the CA's CRL is verified once a path presents the CA.
        RevocationResult result = check(caCrl().build(), revokedLeaf);
        assertEquals(RevocationResult.Status.REVOKED, result.status(), result.toString());
    }

    @Test
    void signatureByAnotherKeyIsRejected() throws Exception {
        assertUnknown(check(caCrl().signWith(TestPki.keyPair()).build(), revokedLeaf), "signature not valid");
    }

    @Test
    void tamperedCrlIsRejected() throws Exception {
        byte[] crl = caCrl().build();
        byte[] serial = revokedLeaf.cert().getSerialNumber().toByteArray();
        // Change the revoked serial inside the signed bytes: the signature must no longer verify.
        int at = indexOf(crl, serial);
        crl[at + serial.length - 1] ^= 1;
        assertUnknown(check(crl, leaf), "signature not valid");
    }

    @Test
    void crlOfAnotherIssuerDoesNotCount() throws Exception {
        Issued other = TestPki.cert("Other CA").issuer(root).ca().build();
        RevocationResult result = check(TestPki.crl(other).build(), leaf);
        assertEquals(RevocationResult.Status.UNKNOWN, result.status(), result.toString());
    }

    @Test
    void staleNotYetValidAndWithoutNextUpdateAreRejected() throws Exception {
        assertUnknown(check(caCrl().thisUpdate(NOW.minus(Duration.ofDays(3))).nextUpdate(NOW.minus(Duration.ofDays(1))).build(), leaf), "stale");
        assertUnknown(check(caCrl().thisUpdate(NOW.plus(Duration.ofHours(2))).nextUpdate(NOW.plus(Duration.ofDays(1))).build(), leaf), "not valid yet");
        assertUnknown(check(caCrl().noNextUpdate().build(), leaf), "no nextUpdate");
    }

    @Test
    void clockSkewAndGraceAreHonoured() throws Exception {
        byte[] justStale = caCrl().thisUpdate(NOW.minus(Duration.ofDays(1))).nextUpdate(NOW.minus(Duration.ofMinutes(3))).build();
        assertEquals(RevocationResult.Status.GOOD, check(justStale, leaf).status(), "within the default 5 min skew");
        byte[] stale = caCrl().thisUpdate(NOW.minus(Duration.ofDays(1))).nextUpdate(NOW.minus(Duration.ofHours(2))).build();
        try (RevocationPolicy policy = policy(stale, s -> s.with("crl.grace", "3h"))) {
            assertEquals(RevocationResult.Status.GOOD, policy.check(List.of(leaf.cert(), ca.cert(), root.cert()), NOW).status());
        }
    }

    @Test
    void unknownCriticalExtensionsMakeTheCrlUnusable() throws Exception {
        assertUnknown(check(caCrl().extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, new DERUTF8String("x")).build(), leaf),
                "unrecognised critical CRL extension");
        // A non-critical unknown extension is fine.
        byte[] ok = caCrl().extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), false, new DERUTF8String("x")).build();
        assertEquals(RevocationResult.Status.GOOD, check(ok, leaf).status());
    }

    @Test
    void deltaCrlIsNeverTakenForAComplete() throws Exception {
        assertUnknown(check(TestPki.crl(ca).delta(1).build(), leaf), "delta CRL");
    }

    @Test
    void issuingDistributionPointScope() throws Exception {
        byte[] caOnly = caCrl().issuingDistributionPoint(TestPki.CrlBuilder.idp(null, false, true, null, false)).build();
        assertUnknown(check(caOnly, leaf), "only CA certificates");
        byte[] otherPoint = caCrl().issuingDistributionPoint(TestPki.CrlBuilder.idp("http://crl.example/part2.crl", false, false, null, false)).build();
        assertUnknown(check(otherPoint, leaf), "another distribution point");
        byte[] ourPoint = caCrl().issuingDistributionPoint(TestPki.CrlBuilder.idp("http://crl.example/ca.crl", true, false, null, false)).build();
        assertEquals(RevocationResult.Status.GOOD, check(ourPoint, leaf).status());
        assertEquals(RevocationResult.Status.REVOKED, check(ourPoint, revokedLeaf).status());
        byte[] someReasons = caCrl().issuingDistributionPoint(
                TestPki.CrlBuilder.idp(null, false, false, new ReasonFlags(ReasonFlags.keyCompromise), false)).build();
        assertUnknown(check(someReasons, leaf), "only some reasons");
        assertEquals(RevocationResult.Status.REVOKED, check(someReasons, revokedLeaf).status());
    }

    @Test
    void indirectCrlEntriesApplyToTheirCertificateIssuer() throws Exception {
        Issued crlIssuer = TestPki.cert("CRL Authority").issuer(root).ca().build();
        X500Name caName = ca.name();
        Issued named = TestPki.cert("indirectly covered").issuer(ca).crlIssuerInDistributionPoint(crlIssuer.name()).build();
        Issued namedGood = TestPki.cert("indirectly covered good").issuer(ca).crlIssuerInDistributionPoint(crlIssuer.name()).build();
        byte[] crl = TestPki.crl(crlIssuer)
                .revoke(named.cert().getSerialNumber(), CRLReason.superseded, caName)
                .issuingDistributionPoint(TestPki.CrlBuilder.idp(null, false, false, null, true)).build();
        Path file = Files.write(dir.resolve("indirect.crl"), crl);
        Path signer = Files.writeString(dir.resolve("crl-authority.pem"), pem(crlIssuer));
        // The CRL authority is not on the client's path: its own status must be known (RFC 5280 §6.3.3 (f)).
        try (RevocationPolicy policy = RevocationPolicy.create(MapSettings.of("checkers", "crl", "scope", "leaf",
                "crl.sources", file.toUri().toString(), "crl.signers", signer.toUri().toString()), List.of(root.cert()), scheduler, CLOCK)) {
            RevocationResult withoutRootCrl = policy.check(List.of(named.cert(), ca.cert(), root.cert()), NOW);
            assertUnknown(withoutRootCrl, "the CRL signer O=certgate test,CN=CRL Authority");
        }
        Path rootCrl = Files.write(dir.resolve("root.crl"), TestPki.crl(root).build());
        try (RevocationPolicy policy = RevocationPolicy.create(MapSettings.of("checkers", "crl", "scope", "leaf",
                "crl.sources", file.toUri() + "," + rootCrl.toUri(), "crl.signers", signer.toUri().toString()),
                List.of(root.cert()), scheduler, CLOCK)) {
            assertEquals(RevocationResult.Status.REVOKED, policy.check(List.of(named.cert(), ca.cert(), root.cert()), NOW).status());
            assertEquals(RevocationResult.Status.GOOD, policy.check(List.of(namedGood.cert(), ca.cert(), root.cert()), NOW).status());
            // A certificate that doesn't name the CRL authority in its distribution points isn't covered.
            assertEquals(RevocationResult.Status.UNKNOWN, policy.check(List.of(leaf.cert(), ca.cert(), root.cert()), NOW).status());
        }
    }

    @Test
    void certificateIssuerEntryInADirectCrlMakesItUnusable() throws Exception {
        byte[] crl = TestPki.crl(ca).revoke(BigInteger.TEN, CRLReason.keyCompromise, root.name()).build();
        assertUnknown(check(crl, leaf), "not indirect");
    }

    @Test
    void chainScopeChecksTheIntermediateLeafScopeDoesNot() throws Exception {
        byte[] rootCrl = TestPki.crl(root).revoke(ca.cert().getSerialNumber(), CRLReason.cACompromise).build();
        byte[] caCrl = caCrl().build();
        Path rootFile = Files.write(dir.resolve("root.crl"), rootCrl);
        Path caFile = Files.write(dir.resolve("ca.crl"), caCrl);
        String sources = rootFile.toUri() + "," + caFile.toUri();
        List<java.security.cert.X509Certificate> path = List.of(leaf.cert(), ca.cert(), root.cert());
        try (RevocationPolicy chain = RevocationPolicy.create(MapSettings.of("checkers", "crl", "crl.sources", sources),
                List.of(root.cert()), scheduler, CLOCK)) {
            RevocationResult result = chain.check(path, NOW);
            assertEquals(RevocationResult.Status.REVOKED, result.status(), result.toString());
            assertTrue(result.detail().contains("CA certificate"), result.detail());
        }
        try (RevocationPolicy leafOnly = RevocationPolicy.create(MapSettings.of("checkers", "crl", "scope", "leaf", "crl.sources", sources),
                List.of(root.cert()), scheduler, CLOCK)) {
            assertEquals(RevocationResult.Status.GOOD, leafOnly.check(path, NOW).status());
        }
    }

    @Test
    void softFailLetsUnknownThroughCountsAndStillReportsTheRealStatus() throws Exception {
        byte[] stale = caCrl().thisUpdate(NOW.minus(Duration.ofDays(3))).nextUpdate(NOW.minus(Duration.ofDays(1))).build();
        try (RevocationPolicy policy = policy(stale, s -> s.with("failure", "soft"))) {
            RevocationResult result = policy.check(List.of(leaf.cert(), ca.cert(), root.cert()), NOW);
            assertEquals(RevocationResult.Status.UNKNOWN, result.status());
            assertFalse(result.revoked());
            assertEquals(1, policy.softFailures());
        }
    }

    @Test
    void garbageAndTruncatedCrlFilesGiveUnknown() throws Exception {
        assertUnknown(check("not a crl".getBytes(), leaf), "malformed");
        byte[] crl = caCrl().build();
        assertUnknown(check(java.util.Arrays.copyOf(crl, crl.length - 10), leaf), "malformed");
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    static String pem(Issued issued) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(issued.cert().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
