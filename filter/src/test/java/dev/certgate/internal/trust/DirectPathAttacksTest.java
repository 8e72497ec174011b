package dev.certgate.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Each attack on the direct path, next to the same chain without the attack: the unmodified chain
 * must be accepted by the direct path (so the test can fail), the attacked one must be declined by
 * it, refused by the verifier, and refused by the JDK's PKIX implementation called directly.
 */
class DirectPathAttacksTest {
    private static final Instant NOW = CertMaker.NOW;
    private static final KeyPair ROOT_KEYS = CertMaker.ec("secp256r1");
    private static final KeyPair INTERMEDIATE_KEYS = CertMaker.ec("secp256r1");
    private static final KeyPair LOWER_KEYS = CertMaker.ec("secp256r1");
    private static final KeyPair LEAF_KEYS = CertMaker.ec("secp256r1");
    private static final KeyPair STRANGER_KEYS = CertMaker.ec("secp256r1");
    private static final String ROOT_DN = "O=Good,CN=attack root";
    private static final X500Name ROOT_NAME = new X500Name(ROOT_DN);
    private static final X509Certificate ROOT =
            CertMaker.root(ROOT_DN, ROOT_KEYS).build();
    private static final List<X509Certificate> ANCHORS = List.of(ROOT);

    private final ChainVerifier verifier = new ChainVerifier(TrustAnchors.of(ANCHORS, "attack root"));

    private static CertMaker intermediate() {
        return new CertMaker("O=Good,CN=issuing", INTERMEDIATE_KEYS).issuedBy(ROOT_NAME, ROOT_KEYS);
    }

    private static CertMaker leafUnder(CertMaker issuer) {
        return new CertMaker("O=Good,CN=client", LEAF_KEYS).leaf().issuedBy(issuer.subject, issuer.keys);
    }

    /** leaf ← issuing ← root, with optional changes to the intermediate and the leaf. */
    private static X509Certificate[] chain(Consumer<CertMaker> onIntermediate, Consumer<CertMaker> onLeaf) {
        CertMaker i = intermediate();
        onIntermediate.accept(i);
        CertMaker l = leafUnder(i);
        onLeaf.accept(l);
        return new X509Certificate[] {l.build(), i.build()};
    }

    private void assertAcceptedDirectly(X509Certificate[] chain) {
        assertNotNull(verifier.directPathOnly(chain, NOW), "the direct path should accept the unmodified chain");
        assertTrue(verifier.verify(chain, NOW).verified());
        assertTrue(JdkPkix.builderAccepts(chain, ANCHORS, NOW));
    }

    private void assertRefusedLikeTheJdk(X509Certificate[] chain) {
        assertNull(verifier.directPathOnly(chain, NOW), "the direct path must not accept this chain");
        Verification v = verifier.verify(chain, NOW);
        assertFalse(v.verified(), "verifier accepted: " + v.path());
        assertFalse(v.error().isEmpty());
        assertFalse(JdkPkix.builderAccepts(chain, ANCHORS, NOW), "the JDK accepts it: the test is wrong");
    }

    /** Not for the direct path: PKIX decides, as the JDK's builder would. */
    void assertLeftToPkix(X509Certificate[] chain) {
        assertNull(verifier.directPathOnly(chain, NOW));
        assertEquals(
                JdkPkix.builderAccepts(chain, ANCHORS, NOW),
                verifier.verify(chain, NOW).verified());
    }

    @Test
    void unmodifiedChainsAreAcceptedDirectly() {
        assertAcceptedDirectly(chain(i -> {}, l -> {}));
        CertMaker direct = new CertMaker("O=Good,CN=direct", LEAF_KEYS).leaf().issuedBy(ROOT_NAME, ROOT_KEYS);
        assertAcceptedDirectly(new X509Certificate[] {direct.build()});
        // The root sent along is ignored, as PKIX ignores certificates it does not need.
        X509Certificate[] withRoot = chain(i -> {}, l -> {});
        assertAcceptedDirectly(new X509Certificate[] {withRoot[0], withRoot[1], ROOT});
    }

    @Test
    void authorityKeyIdentifierWithIssuerAndSerial() {
        // As many CAs write it (key id, issuer name, serial): accepted directly when it names the issuer …
        CertMaker i = intermediate();
        X509Certificate issuing = i.build();
        CertMaker l = leafUnder(i);
        l.akiFrom = issuing;
        assertAcceptedDirectly(new X509Certificate[] {l.build(), issuing});
        // … and left to PKIX when its serial is another certificate's.
        l.akiSerial = issuing.getSerialNumber().add(java.math.BigInteger.TEN);
        X509Certificate[] stale = {l.build(), issuing};
        assertLeftToPkix(stale);
    }

    @Test
    void wrongIssuerSignature() {
        // The intermediate carries the right issuer name and key identifier but is signed by a stranger.
        assertRefusedLikeTheJdk(chain(
                i -> {
                    i.signer = STRANGER_KEYS;
                    i.akiKey = ROOT_KEYS.getPublic();
                },
                l -> {}));
        // The leaf names the intermediate as issuer but is signed by another key.
        assertRefusedLikeTheJdk(chain(i -> {}, l -> {
            l.signer = STRANGER_KEYS;
            l.akiKey = INTERMEDIATE_KEYS.getPublic();
        }));
    }

    @Test
    void tamperedSignatureBytes() throws Exception {
        // The leaf's signature with its last byte changed (still well-formed DER): Bouncy Castle's
        // ECDSA, which verifies EC signatures on the direct path, must refuse it like the JDK.
        X509Certificate[] good = chain(i -> {}, l -> {});
        byte[] der = good[0].getEncoded();
        der[der.length - 1] ^= 0x01;
        X509Certificate tampered = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(der));
        assertRefusedLikeTheJdk(new X509Certificate[] {tampered, good[1]});
        // The same with the intermediate's signature (a CA link, remembered only when it holds).
        byte[] ca = good[1].getEncoded();
        ca[ca.length - 1] ^= 0x01;
        X509Certificate tamperedCa = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(ca));
        assertRefusedLikeTheJdk(new X509Certificate[] {good[0], tamperedCa});
        assertAcceptedDirectly(good);
    }

    @Test
    void caFalseIntermediate() {
        assertRefusedLikeTheJdk(chain(i -> i.ca = 0, l -> {}));
        assertRefusedLikeTheJdk(chain(i -> i.ca = -1, l -> {}));
        assertRefusedLikeTheJdk(chain(i -> i.v1 = true, l -> {}));
    }

    @Test
    void intermediateWithoutKeyCertSign() {
        assertRefusedLikeTheJdk(chain(i -> i.keyUsage = org.bouncycastle.asn1.x509.KeyUsage.digitalSignature, l -> {}));
    }

    @Test
    void pathLengthExceeded() {
        // root → upper (pathLen 0) → lower → leaf: lower may not issue CA certificates below upper.
        CertMaker upper = intermediate();
        upper.pathLen = 0;
        CertMaker lower = new CertMaker("O=Good,CN=lower", LOWER_KEYS).issuedBy(upper.subject, upper.keys);
        X509Certificate leaf = leafUnder(lower).build();
        assertRefusedLikeTheJdk(new X509Certificate[] {leaf, lower.build(), upper.build()});
        upper.pathLen = 1;
        assertAcceptedDirectly(new X509Certificate[] {leaf, lower.build(), upper.build()});
    }

    @Test
    void anchorsOwnPathLengthIsNeverExceededByTheDirectPath() {
        KeyPair keys = CertMaker.ec("secp256r1");
        CertMaker rootMaker = CertMaker.root("O=Good,CN=limited root", keys);
        rootMaker.pathLen = 0;
        X509Certificate limited = rootMaker.build();
        ChainVerifier v = new ChainVerifier(TrustAnchors.of(List.of(limited), "limited"));
        CertMaker i = new CertMaker("O=Good,CN=under limited", INTERMEDIATE_KEYS).issuedBy(rootMaker.subject, keys);
        X509Certificate[] chain = {leafUnder(i).build(), i.build()};
        assertNull(v.directPathOnly(chain, NOW));
        assertEquals(
                JdkPkix.builderAccepts(chain, List.of(limited), NOW),
                v.verify(chain, NOW).verified());
    }

    @Test
    void expiredIntermediate() {
        assertRefusedLikeTheJdk(chain(CertMaker::expired, l -> {}));
        assertRefusedLikeTheJdk(
                chain(i -> i.validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9))), l -> {}));
    }

    @Test
    void unknownCriticalExtension() {
        assertRefusedLikeTheJdk(chain(i -> i.unknownCritical = true, l -> {}));
        assertRefusedLikeTheJdk(chain(i -> {}, l -> l.unknownCritical = true));
        // The same extension, not critical, is allowed by both.
        assertAcceptedDirectly(chain(i -> i.unknownNonCritical = true, l -> l.unknownNonCritical = true));
    }

    @Test
    void nameConstraintViolation() {
        // Name constraints go to PKIX, which refuses a leaf outside the permitted subtree …
        assertRefusedLikeTheJdk(chain(
                i -> i.nameConstraints = CertMaker.permittedDns("good.example"),
                l -> l.sans.add(new GeneralName(GeneralName.dNSName, "www.evil.example"))));
        X509Certificate[] outsideDn = chain(i -> i.nameConstraints = CertMaker.permittedDirectory("O=Good"), l -> {});
        assertTrue(JdkPkix.builderAccepts(outsideDn, ANCHORS, NOW), "O=Good leaf under an O=Good constraint");
        CertMaker i = intermediate();
        i.nameConstraints = CertMaker.permittedDirectory("O=Good");
        X509Certificate evil = new CertMaker("O=Evil,CN=client", LEAF_KEYS)
                .leaf()
                .issuedBy(i.subject, i.keys)
                .build();
        assertRefusedLikeTheJdk(new X509Certificate[] {evil, i.build()});
        // … and accepts one inside it: the verifier agrees, through PKIX.
        X509Certificate[] inside = chain(
                i2 -> i2.nameConstraints = CertMaker.permittedDns("good.example"),
                l -> l.sans.add(new GeneralName(GeneralName.dNSName, "www.good.example")));
        assertNull(verifier.directPathOnly(inside, NOW));
        assertTrue(verifier.verify(inside, NOW).verified());
        assertTrue(JdkPkix.builderAccepts(inside, ANCHORS, NOW));
    }

    @Test
    void policyConstraintsAndCriticalPoliciesGoToPkix() {
        assertRefusedLikeTheJdk(chain(i -> i.policyConstraints = true, l -> {}));
        assertRefusedLikeTheJdk(chain(i -> i.criticalPolicies = true, l -> {}));
    }

    @Test
    void selfSignedImpostorWithTheAnchorsNameAndKeyId() throws Exception {
        byte[] anchorSki = SubjectKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(ROOT.getExtensionValue("2.5.29.14"))
                                .getOctets())
                .getKeyIdentifier();
        KeyPair impostorKeys = CertMaker.ec("secp256r1");
        CertMaker impostor = CertMaker.root(ROOT_DN, impostorKeys);
        impostor.skiOverride = anchorSki;
        impostor.akiKeyId = anchorSki;
        X509Certificate fake = impostor.build();
        // An intermediate and a leaf under the impostor, claiming the anchor's key id.
        CertMaker i = new CertMaker("O=Good,CN=issuing", INTERMEDIATE_KEYS).issuedBy(impostor.subject, impostorKeys);
        i.akiKeyId = anchorSki;
        X509Certificate leaf = leafUnder(i).build();
        assertRefusedLikeTheJdk(new X509Certificate[] {leaf, i.build(), fake});
        // A leaf directly under the impostor.
        CertMaker direct = new CertMaker("O=Good,CN=direct", LEAF_KEYS).leaf().issuedBy(impostor.subject, impostorKeys);
        direct.akiKeyId = anchorSki;
        assertRefusedLikeTheJdk(new X509Certificate[] {direct.build(), fake});
        // The impostor itself, sent as the client certificate.
        assertRefusedLikeTheJdk(new X509Certificate[] {fake});
    }

    @Test
    void anchorAsClientCertificateIsLeftToPkix() {
        assertNull(verifier.directPathOnly(new X509Certificate[] {ROOT}, NOW));
        assertFalse(verifier.verify(new X509Certificate[] {ROOT}, NOW).verified());
    }

    @Test
    void chainsOutOfOrderAreLeftToPkix() {
        CertMaker upper = intermediate();
        CertMaker lower = new CertMaker("O=Good,CN=lower", LOWER_KEYS).issuedBy(upper.subject, upper.keys);
        X509Certificate[] shuffled = {leafUnder(lower).build(), upper.build(), lower.build()};
        assertNull(verifier.directPathOnly(shuffled, NOW));
        assertTrue(verifier.verify(shuffled, NOW).verified());
        assertTrue(JdkPkix.builderAccepts(shuffled, ANCHORS, NOW));
    }

    @Test
    void weakAlgorithmsAreLeftToPkix() {
        X509Certificate[] sha1 = chain(i -> {}, l -> l.algorithm = "SHA1withECDSA");
        assertLeftToPkix(sha1);
    }

    @Test
    void intermediatesAreCheckedOncePerIssuer() {
        DirectPath direct = new DirectPath(ANCHORS);
        CertMaker i = intermediate();
        X509Certificate issuing = i.build();
        for (int n = 0; n < 5; n++) {
            X509Certificate leaf = new CertMaker("O=Good,CN=client " + n, LEAF_KEYS)
                    .leaf()
                    .issuedBy(i.subject, i.keys)
                    .build();
            assertNotNull(direct.validate(new X509Certificate[] {leaf, issuing}, java.util.Date.from(NOW)));
        }
        assertEquals(1, direct.rememberedLinks());
        // A remembered intermediate does not vouch for a different, forged one with the same name.
        CertMaker forged = intermediate();
        forged.signer = STRANGER_KEYS;
        forged.akiKey = ROOT_KEYS.getPublic();
        X509Certificate leaf = leafUnder(forged).build();
        assertNull(direct.validate(new X509Certificate[] {leaf, forged.build()}, java.util.Date.from(NOW)));
    }

    @Test
    void tightenedJdkConstraintsTakeAlgorithmsOffTheList() {
        String jdkDefault = "MD2, MD5, SHA1 jdkCA & usage TLSServer, RSA keySize < 1024, DSA keySize < 1024, "
                + "EC keySize < 224, SHA1 usage SignedJAR & denyAfter 2019-01-01";
        Set<String> byDefault = StrongAlgorithms.restrictedNames(jdkDefault, null);
        assertFalse(byDefault.contains("RSA"));
        assertFalse(byDefault.contains("EC"));
        assertTrue(StrongAlgorithms.restrictedNames(jdkDefault + ", RSA keySize < 3072", null)
                .contains("RSA"));
        assertTrue(StrongAlgorithms.restrictedNames("SHA256withECDSA usage TLSServer", null)
                .contains("SHA256WITHECDSA"));
        assertTrue(StrongAlgorithms.restrictedNames("include jdk.disabled.namedCurves", "secp256r1")
                .contains("EC"));
        assertFalse(StrongAlgorithms.restrictedNames("include jdk.disabled.namedCurves", "secp112r1")
                .contains("EC"));
    }
}
