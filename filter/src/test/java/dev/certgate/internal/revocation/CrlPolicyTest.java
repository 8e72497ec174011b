package dev.certgate.internal.revocation;

import static dev.certgate.testing.TestCa.FIXED_NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.MapSettings;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestCrl;
import dev.certgate.testing.TestHttpServer;
import dev.certgate.testing.TestIdentity;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    static final Clock CLOCK = Clock.fixed(FIXED_NOW, ZoneOffset.UTC);
    static ScheduledExecutorService scheduler;
    static TestCa root;
    static TestCa ca;
    static TestIdentity leaf;
    static TestIdentity revokedLeaf;
    static TestIdentity heldLeaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-revocation");
            t.setDaemon(true);
            return t;
        });
        root = TestCa.root("CN=Root,O=certgate test", FIXED_NOW);
        ca = root.subordinate("CN=Issuing CA,O=certgate test")
                .crlDistributionPoint("http://crl.example/root.crl")
                .issueCa();
        leaf = ca.leaf("CN=good client,O=certgate test")
                .crlDistributionPoint("http://crl.example/ca.crl")
                .issue();
        revokedLeaf = ca.leaf("CN=revoked client,O=certgate test")
                .crlDistributionPoint("http://crl.example/ca.crl")
                .issue();
        heldLeaf = ca.leaf("CN=held client,O=certgate test").issue();
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
    }

    TestCrl caCrl() {
        return ca.crl()
                .revoke(revokedLeaf.certificate().getSerialNumber(), CRLReason.keyCompromise)
                .revoke(heldLeaf.certificate().getSerialNumber(), CRLReason.certificateHold);
    }

    /** The CA's CRL (see {@link #caCrl()}) valid from thisUpdate to nextUpdate, DER. */
    byte[] caCrl(Instant thisUpdate, Instant nextUpdate) {
        return caCrl().thisUpdate(thisUpdate).nextUpdate(nextUpdate).build();
    }

    RevocationPolicy policy(byte[] crl, UnaryOperator<MapSettings> more) throws Exception {
        Path file = Files.write(dir.resolve("ca-" + System.nanoTime() + ".crl"), crl);
        MapSettings settings = MapSettings.of(
                "checkers", "crl", "scope", "leaf", "crl.sources", file.toUri().toString());
        return RevocationPolicy.create(more.apply(settings), List.of(root.certificate()), scheduler, CLOCK);
    }

    /** A policy of these settings (key, value, ...) with anchor as the one trust anchor. */
    static RevocationPolicy create(TestCa anchor, String... settings) throws Exception {
        return RevocationPolicy.create(MapSettings.of(settings), List.of(anchor.certificate()), scheduler, CLOCK);
    }

    /** A CRL policy for leaves only, anchored at the root, with these sources (comma-separated) and more settings. */
    static RevocationPolicy leafPolicy(String sources, String... more) throws Exception {
        MapSettings settings = MapSettings.of(more)
                .with("checkers", "crl")
                .with("scope", "leaf")
                .with("crl.sources", sources);
        return RevocationPolicy.create(settings, List.of(root.certificate()), scheduler, CLOCK);
    }

    RevocationResult check(byte[] crl, TestIdentity cert) throws Exception {
        try (RevocationPolicy policy = policy(crl, s -> s)) {
            return policy.check(List.of(cert.certificate(), ca.certificate(), root.certificate()), FIXED_NOW);
        }
    }

    /** Asserts the status policy gives client's path as TLS clients send it: client, then the issuing CA. */
    static void assertStatus(RevocationResult.Status expected, RevocationPolicy policy, TestIdentity client) {
        RevocationResult result = policy.check(List.of(client.certificate(), ca.certificate()), FIXED_NOW);
        assertEquals(expected, result.status(), result.toString());
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
            RevocationResult good =
                    policy.check(List.of(leaf.certificate(), ca.certificate(), root.certificate()), FIXED_NOW);
            assertEquals(RevocationResult.Status.GOOD, good.status(), good.toString());
            assertFalse(good.revoked());
            RevocationResult revoked =
                    policy.check(List.of(revokedLeaf.certificate(), ca.certificate(), root.certificate()), FIXED_NOW);
            assertEquals(RevocationResult.Status.REVOKED, revoked.status());
            assertTrue(revoked.revoked());
            assertTrue(revoked.detail().contains("KEY_COMPROMISE"), revoked.detail());
            RevocationResult held =
                    policy.check(List.of(heldLeaf.certificate(), ca.certificate(), root.certificate()), FIXED_NOW);
            assertEquals(RevocationResult.Status.REVOKED, held.status());
            assertTrue(held.detail().contains("CERTIFICATE_HOLD"), held.detail());
        }
    }

    @Test
    void theDeltaNamedByFreshestCrlIsFetchedWhenItsHostIsAllowed() throws Exception {
        TestCa freshestRoot = TestCa.root("CN=freshest root,O=certgate test", FIXED_NOW);
        TestIdentity client =
                freshestRoot.leaf("CN=revoked in the delta,O=certgate test").issue();
        try (TestHttpServer baseServer = TestHttpServer.crlServer();
                TestHttpServer deltaServer = TestHttpServer.crlServer()) {
            String deltaUrl = deltaServer.url("/delta.crl");
            baseServer.serve(
                    freshestRoot.crl().number(20).freshestCrl(deltaUrl).build(), "Tue, 15 Jan 2030 10:00:00 GMT");
            deltaServer.serve(
                    freshestRoot
                            .crl()
                            .number(21)
                            .delta(20)
                            .revoke(client.serial(), CRLReason.keyCompromise)
                            .build(),
                    "Tue, 15 Jan 2030 10:00:00 GMT");
            List<X509Certificate> path = List.of(client.certificate(), freshestRoot.certificate());
            String base = baseServer.url("/base.crl");
            try (RevocationPolicy policy = create(freshestRoot, "checkers", "crl", "crl.sources", base)) {
                assertEquals(
                        RevocationResult.Status.GOOD,
                        policy.check(path, FIXED_NOW).status(),
                        "CDP fetching off: the base alone");
            }
            try (RevocationPolicy policy = create(
                    freshestRoot, "checkers", "crl", "crl.sources", base, "crl.cdp.allowed-hosts", "127.0.0.1")) {
                assertEquals(
                        RevocationResult.Status.REVOKED,
                        policy.check(path, FIXED_NOW).status());
                assertEquals(1, deltaServer.requests.get());
            }
        }
    }

    @Test
    void aPathWithoutItsRootFindsTheAnchorThatIssuedIt() throws Exception {
        // certgate.verification=container hands over the chain as sent, usually without the root.
        try (RevocationPolicy policy = policy(caCrl().build(), s -> s)) {
            assertStatus(RevocationResult.Status.REVOKED, policy, revokedLeaf);
            assertStatus(RevocationResult.Status.GOOD, policy, leaf);
            TestCa stranger =
                    TestCa.root("CN=Issuing CA,O=certgate test", FIXED_NOW); // the CA's name, no anchor above it
            TestIdentity strangersLeaf =
                    stranger.leaf("CN=good client,O=certgate test").issue();
            assertUnknown(
                    policy.check(List.of(strangersLeaf.certificate(), stranger.certificate()), FIXED_NOW),
                    "does not lead to a trust anchor");
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
        assertUnknown(check(caCrl().signWith(TestCa.newKeyPair()).build(), revokedLeaf), "signature not valid");
    }

    @Test
    void tamperedCrlIsRejected() throws Exception {
        byte[] crl = caCrl().build();
        byte[] serial = revokedLeaf.certificate().getSerialNumber().toByteArray();
        // Change the revoked serial inside the signed bytes: the signature must no longer verify.
        int at = indexOf(crl, serial);
        crl[at + serial.length - 1] ^= 1;
        assertUnknown(check(crl, leaf), "signature not valid");
    }

    @Test
    void crlOfAnotherIssuerDoesNotCount() throws Exception {
        TestCa other = root.subordinate("CN=Other CA,O=certgate test").issueCa();
        RevocationResult result = check(other.crl().build(), leaf);
        assertEquals(RevocationResult.Status.UNKNOWN, result.status(), result.toString());
    }

    @Test
    void staleNotYetValidAndWithoutNextUpdateAreRejected() throws Exception {
        assertUnknown(
                check(caCrl(FIXED_NOW.minus(Duration.ofDays(3)), FIXED_NOW.minus(Duration.ofDays(1))), leaf), "stale");
        assertUnknown(
                check(caCrl(FIXED_NOW.plus(Duration.ofHours(2)), FIXED_NOW.plus(Duration.ofDays(1))), leaf),
                "not valid yet");
        assertUnknown(check(caCrl().noNextUpdate().build(), leaf), "no nextUpdate");
    }

    @Test
    void clockSkewAndGraceAreHonoured() throws Exception {
        byte[] justStale = caCrl(FIXED_NOW.minus(Duration.ofDays(1)), FIXED_NOW.minus(Duration.ofMinutes(3)));
        assertEquals(RevocationResult.Status.GOOD, check(justStale, leaf).status(), "within the default 5 min skew");
        byte[] stale = caCrl(FIXED_NOW.minus(Duration.ofDays(1)), FIXED_NOW.minus(Duration.ofHours(2)));
        try (RevocationPolicy policy = policy(stale, s -> s.with("crl.grace", "3h"))) {
            assertStatus(RevocationResult.Status.GOOD, policy, leaf);
        }
    }

    @Test
    void unknownCriticalExtensionsMakeTheCrlUnusable() throws Exception {
        assertUnknown(
                check(
                        caCrl().extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, new DERUTF8String("x"))
                                .build(),
                        leaf),
                "unrecognised critical CRL extension");
        // A non-critical unknown extension is fine.
        byte[] ok = caCrl().extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), false, new DERUTF8String("x"))
                .build();
        assertEquals(RevocationResult.Status.GOOD, check(ok, leaf).status());
    }

    @Test
    void deltaCrlIsNeverTakenForAComplete() throws Exception {
        assertUnknown(check(ca.crl().delta(1).build(), leaf), "delta CRL");
    }

    @Test
    void issuingDistributionPointScope() throws Exception {
        byte[] caOnly = caCrl().issuingDistributionPoint(TestCrl.idp(null, false, true, null, false))
                .build();
        assertUnknown(check(caOnly, leaf), "only CA certificates");
        byte[] otherPoint = caCrl().issuingDistributionPoint(
                        TestCrl.idp(TestCrl.fullName("http://crl.example/part2.crl"), false, false, null, false))
                .build();
        assertUnknown(check(otherPoint, leaf), "another distribution point");
        byte[] ourPoint = caCrl().issuingDistributionPoint(
                        TestCrl.idp(TestCrl.fullName("http://crl.example/ca.crl"), true, false, null, false))
                .build();
        assertEquals(RevocationResult.Status.GOOD, check(ourPoint, leaf).status());
        assertEquals(
                RevocationResult.Status.REVOKED, check(ourPoint, revokedLeaf).status());
        byte[] someReasons = caCrl().issuingDistributionPoint(
                        TestCrl.idp(null, false, false, new ReasonFlags(ReasonFlags.keyCompromise), false))
                .build();
        assertUnknown(check(someReasons, leaf), "only some reasons");
        assertEquals(
                RevocationResult.Status.REVOKED, check(someReasons, revokedLeaf).status());
    }

    @Test
    void indirectCrlEntriesApplyToTheirCertificateIssuer() throws Exception {
        TestCa crlIssuer = root.subordinate("CN=CRL Authority,O=certgate test").issueCa();
        X500Name caName = ca.name();
        TestIdentity named = ca.leaf("CN=indirectly covered,O=certgate test")
                .crlIssuerInDistributionPoint(crlIssuer.name())
                .issue();
        TestIdentity namedGood = ca.leaf("CN=indirectly covered good,O=certgate test")
                .crlIssuerInDistributionPoint(crlIssuer.name())
                .issue();
        byte[] crl = crlIssuer
                .crl()
                .revoke(named.certificate().getSerialNumber(), CRLReason.superseded, caName)
                .issuingDistributionPoint(TestCrl.idp(null, false, false, null, true))
                .build();
        Path file = Files.write(dir.resolve("indirect.crl"), crl);
        Path signer = Files.writeString(dir.resolve("crl-authority.pem"), pem(crlIssuer.identity()));
        // The CRL authority is not on the client's path: its own status must be known (RFC 5280 §6.3.3 (f)).
        try (RevocationPolicy policy = leafPolicy(
                file.toUri().toString(), "crl.signers", signer.toUri().toString())) {
            RevocationResult withoutRootCrl = policy.check(List.of(named.certificate(), ca.certificate()), FIXED_NOW);
            assertUnknown(withoutRootCrl, "the CRL signer O=certgate test,CN=CRL Authority");
        }
        Path rootCrl = Files.write(dir.resolve("root.crl"), root.crl().build());
        try (RevocationPolicy policy = leafPolicy(
                file.toUri() + "," + rootCrl.toUri(),
                "crl.signers",
                signer.toUri().toString())) {
            assertStatus(RevocationResult.Status.REVOKED, policy, named);
            assertStatus(RevocationResult.Status.GOOD, policy, namedGood);
            // A certificate that doesn't name the CRL authority in its distribution points isn't covered.
            assertStatus(RevocationResult.Status.UNKNOWN, policy, leaf);
        }
    }

    @Test
    void certificateIssuerEntryInADirectCrlMakesItUnusable() throws Exception {
        byte[] crl = ca.crl()
                .revoke(BigInteger.TEN, CRLReason.keyCompromise, root.name())
                .build();
        assertUnknown(check(crl, leaf), "not indirect");
    }

    @Test
    void chainScopeChecksTheIntermediateLeafScopeDoesNot() throws Exception {
        byte[] rootCrl = root.crl()
                .revoke(ca.certificate().getSerialNumber(), CRLReason.cACompromise)
                .build();
        byte[] caCrl = caCrl().build();
        Path rootFile = Files.write(dir.resolve("root.crl"), rootCrl);
        Path caFile = Files.write(dir.resolve("ca.crl"), caCrl);
        String sources = rootFile.toUri() + "," + caFile.toUri();
        List<X509Certificate> path = List.of(leaf.certificate(), ca.certificate(), root.certificate());
        try (RevocationPolicy chain = create(root, "checkers", "crl", "crl.sources", sources)) {
            RevocationResult result = chain.check(path, FIXED_NOW);
            assertEquals(RevocationResult.Status.REVOKED, result.status(), result.toString());
            assertTrue(result.detail().contains("CA certificate"), result.detail());
        }
        try (RevocationPolicy leafOnly = leafPolicy(sources)) {
            assertEquals(
                    RevocationResult.Status.GOOD,
                    leafOnly.check(path, FIXED_NOW).status());
        }
    }

    @Test
    void softFailLetsUnknownThroughCountsAndStillReportsTheRealStatus() throws Exception {
        byte[] stale = caCrl(FIXED_NOW.minus(Duration.ofDays(3)), FIXED_NOW.minus(Duration.ofDays(1)));
        try (RevocationPolicy policy = policy(stale, s -> s.with("failure", "soft"))) {
            RevocationResult result = policy.check(List.of(leaf.certificate(), ca.certificate()), FIXED_NOW);
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

    static String pem(TestIdentity issued) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder()
                        .encodeToString(issued.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }
}
