package dev.certgate.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.LeafBuilder;
import dev.certgate.testing.TestCa;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Each attack on the direct path, next to the same chain without the attack: the unmodified chain
 * must be accepted by the direct path (so the test can fail), the attacked one must be declined by
 * it, refused by the verifier, and refused by the JDK's PKIX implementation called directly.
 */
class DirectPathAttacksTest {
    static final Instant NOW = Instant.now();
    private static final KeyPair ROOT_KEYS = TestCa.newKeyPair();
    private static final KeyPair INTERMEDIATE_KEYS = TestCa.newKeyPair();
    private static final KeyPair LOWER_KEYS = TestCa.newKeyPair();
    private static final KeyPair LEAF_KEYS = TestCa.newKeyPair();
    private static final KeyPair STRANGER_KEYS = TestCa.newKeyPair();
    private static final String ROOT_DN = "O=Good,CN=attack root";
    private static final TestCa ROOT_CA = root(ROOT_DN, ROOT_KEYS).issueCa();
    private static final X509Certificate ROOT = ROOT_CA.certificate();
    private static final List<X509Certificate> ANCHORS = List.of(ROOT);

    private final ChainVerifier verifier = new ChainVerifier(TrustAnchors.of(ANCHORS, "attack root"));

    /**
     * The certificates of the chain-validation tests: valid for a year from yesterday, CAs without
     * a path length limit that sign only certificates and CRLs (so none passes as a client
     * certificate), an authority key identifier with only the issuer's key id.
     */
    static LeafBuilder root(String dn, KeyPair keys) {
        return aYear(asCa(TestCa.selfSigned(new X500Name(dn), NOW).keys(keys))).authorityKeyIdOf(keys.getPublic());
    }

    static LeafBuilder caUnder(TestCa issuer, String dn, KeyPair keys) {
        return aYear(asCa(issuer.subordinate(dn).keys(keys)))
                .authorityKeyIdOf(issuer.keyPair().getPublic());
    }

    private static LeafBuilder asCa(LeafBuilder b) {
        return b.pathLength(-1).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign);
    }

    static LeafBuilder leafUnder(TestCa issuer, String dn, KeyPair keys) {
        return aYear(issuer.leaf(dn).keys(keys))
                .authorityKeyIdOf(issuer.keyPair().getPublic());
    }

    private static LeafBuilder aYear(LeafBuilder b) {
        return b.validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
    }

    private static LeafBuilder intermediate() {
        return caUnder(ROOT_CA, "O=Good,CN=issuing", INTERMEDIATE_KEYS);
    }

    private static LeafBuilder clientUnder(TestCa issuer) {
        return leafUnder(issuer, "O=Good,CN=client", LEAF_KEYS);
    }

    /** leaf ← issuing ← root, with optional changes to the intermediate and the leaf. */
    private static X509Certificate[] chain(Consumer<LeafBuilder> onIntermediate, Consumer<LeafBuilder> onLeaf) {
        LeafBuilder i = intermediate();
        onIntermediate.accept(i);
        TestCa issuing = i.issueCa();
        LeafBuilder l = clientUnder(issuing);
        onLeaf.accept(l);
        return new X509Certificate[] {l.issue().certificate(), issuing.certificate()};
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
        LeafBuilder direct = leafUnder(ROOT_CA, "O=Good,CN=direct", LEAF_KEYS);
        assertAcceptedDirectly(new X509Certificate[] {direct.issue().certificate()});
        // The root sent along is ignored, as PKIX ignores certificates it does not need.
        X509Certificate[] withRoot = chain(i -> {}, l -> {});
        assertAcceptedDirectly(new X509Certificate[] {withRoot[0], withRoot[1], ROOT});
    }

    @Test
    void authorityKeyIdentifierWithIssuerAndSerial() {
        // As many CAs write it (key id, issuer name, serial): accepted directly when it names the issuer …
        TestCa i = intermediate().issueCa();
        X509Certificate issuing = i.certificate();
        LeafBuilder l = clientUnder(i).authorityKeyIdOf(issuing, null);
        assertAcceptedDirectly(new X509Certificate[] {l.issue().certificate(), issuing});
        // … and left to PKIX when its serial is another certificate's.
        l.authorityKeyIdOf(issuing, issuing.getSerialNumber().add(java.math.BigInteger.TEN));
        X509Certificate[] stale = {l.issue().certificate(), issuing};
        assertLeftToPkix(stale);
    }

    @Test
    void wrongIssuerSignature() {
        // The intermediate carries the right issuer name and key identifier but is signed by a stranger.
        assertRefusedLikeTheJdk(chain(i -> i.signedBy(STRANGER_KEYS), l -> {}));
        // The leaf names the intermediate as issuer but is signed by another key.
        assertRefusedLikeTheJdk(chain(i -> {}, l -> l.signedBy(STRANGER_KEYS)));
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
        assertRefusedLikeTheJdk(chain(i -> i.basicConstraints(new BasicConstraints(false), true), l -> {}));
        assertRefusedLikeTheJdk(chain(i -> i.basicConstraints(null, true), l -> {}));
        assertRefusedLikeTheJdk(chain(LeafBuilder::version1, l -> {}));
    }

    @Test
    void intermediateWithoutKeyCertSign() {
        assertRefusedLikeTheJdk(chain(i -> i.keyUsage(KeyUsage.digitalSignature), l -> {}));
    }

    @Test
    void pathLengthExceeded() {
        // root → upper (pathLen 0) → lower → leaf: lower may not issue CA certificates below upper.
        LeafBuilder upper = intermediate().pathLength(0);
        TestCa upperCa = upper.issueCa();
        TestCa lower = caUnder(upperCa, "O=Good,CN=lower", LOWER_KEYS).issueCa();
        X509Certificate leaf = clientUnder(lower).issue().certificate();
        assertRefusedLikeTheJdk(new X509Certificate[] {leaf, lower.certificate(), upperCa.certificate()});
        upper.pathLength(1);
        assertAcceptedDirectly(new X509Certificate[] {
            leaf, lower.certificate(), upper.issueCa().certificate()
        });
    }

    @Test
    void anchorsOwnPathLengthIsNeverExceededByTheDirectPath() {
        TestCa limitedCa = root("O=Good,CN=limited root", TestCa.newKeyPair())
                .pathLength(0)
                .issueCa();
        X509Certificate limited = limitedCa.certificate();
        ChainVerifier v = new ChainVerifier(TrustAnchors.of(List.of(limited), "limited"));
        TestCa i =
                caUnder(limitedCa, "O=Good,CN=under limited", INTERMEDIATE_KEYS).issueCa();
        X509Certificate[] chain = {clientUnder(i).issue().certificate(), i.certificate()};
        assertNull(v.directPathOnly(chain, NOW));
        assertEquals(
                JdkPkix.builderAccepts(chain, List.of(limited), NOW),
                v.verify(chain, NOW).verified());
    }

    @Test
    void expiredIntermediate() {
        assertRefusedLikeTheJdk(chain(LeafBuilder::expired, l -> {}));
        assertRefusedLikeTheJdk(
                chain(i -> i.validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9))), l -> {}));
    }

    @Test
    void unknownCriticalExtension() {
        assertRefusedLikeTheJdk(chain(i -> i.unknownExtension(true), l -> {}));
        assertRefusedLikeTheJdk(chain(i -> {}, l -> l.unknownExtension(true)));
        // The same extension, not critical, is allowed by both.
        assertAcceptedDirectly(chain(i -> i.unknownExtension(false), l -> l.unknownExtension(false)));
    }

    @Test
    void nameConstraintViolation() {
        // Name constraints go to PKIX, which refuses a leaf outside the permitted subtree …
        assertRefusedLikeTheJdk(
                chain(i -> i.permittedSubtree(GeneralName.dNSName, "good.example"), l -> l.dns("www.evil.example")));
        X509Certificate[] outsideDn = chain(i -> i.permittedSubtree(GeneralName.directoryName, "O=Good"), l -> {});
        assertTrue(JdkPkix.builderAccepts(outsideDn, ANCHORS, NOW), "O=Good leaf under an O=Good constraint");
        TestCa i = intermediate()
                .permittedSubtree(GeneralName.directoryName, "O=Good")
                .issueCa();
        X509Certificate evil =
                leafUnder(i, "O=Evil,CN=client", LEAF_KEYS).issue().certificate();
        assertRefusedLikeTheJdk(new X509Certificate[] {evil, i.certificate()});
        // … and accepts one inside it: the verifier agrees, through PKIX.
        X509Certificate[] inside =
                chain(i2 -> i2.permittedSubtree(GeneralName.dNSName, "good.example"), l -> l.dns("www.good.example"));
        assertNull(verifier.directPathOnly(inside, NOW));
        assertTrue(verifier.verify(inside, NOW).verified());
        assertTrue(JdkPkix.builderAccepts(inside, ANCHORS, NOW));
    }

    @Test
    void policyConstraintsAndCriticalPoliciesGoToPkix() {
        assertRefusedLikeTheJdk(chain(LeafBuilder::requireExplicitPolicy, l -> {}));
        assertRefusedLikeTheJdk(chain(i -> i.certificatePolicy(true), l -> {}));
    }

    @Test
    void selfSignedImpostorWithTheAnchorsNameAndKeyId() throws Exception {
        byte[] anchorSki = SubjectKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(ROOT.getExtensionValue("2.5.29.14"))
                                .getOctets())
                .getKeyIdentifier();
        TestCa impostor = root(ROOT_DN, TestCa.newKeyPair())
                .keyIdentifier(anchorSki)
                .authorityKeyId(anchorSki)
                .issueCa();
        X509Certificate fake = impostor.certificate();
        // An intermediate and a leaf under the impostor, claiming the anchor's key id.
        TestCa i = caUnder(impostor, "O=Good,CN=issuing", INTERMEDIATE_KEYS)
                .authorityKeyId(anchorSki)
                .issueCa();
        X509Certificate leaf = clientUnder(i).issue().certificate();
        assertRefusedLikeTheJdk(new X509Certificate[] {leaf, i.certificate(), fake});
        // A leaf directly under the impostor.
        LeafBuilder direct = leafUnder(impostor, "O=Good,CN=direct", LEAF_KEYS).authorityKeyId(anchorSki);
        assertRefusedLikeTheJdk(new X509Certificate[] {direct.issue().certificate(), fake});
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
        TestCa upper = intermediate().issueCa();
        TestCa lower = caUnder(upper, "O=Good,CN=lower", LOWER_KEYS).issueCa();
        X509Certificate[] shuffled = {clientUnder(lower).issue().certificate(), upper.certificate(), lower.certificate()
        };
        assertNull(verifier.directPathOnly(shuffled, NOW));
        assertTrue(verifier.verify(shuffled, NOW).verified());
        assertTrue(JdkPkix.builderAccepts(shuffled, ANCHORS, NOW));
    }

    @Test
    void weakAlgorithmsAreLeftToPkix() {
        X509Certificate[] sha1 = chain(i -> {}, l -> l.digest("SHA1"));
        assertLeftToPkix(sha1);
    }

    @Test
    void intermediatesAreCheckedOncePerIssuer() {
        DirectPath direct = new DirectPath(ANCHORS);
        TestCa i = intermediate().issueCa();
        X509Certificate issuing = i.certificate();
        for (int n = 0; n < 5; n++) {
            X509Certificate leaf =
                    leafUnder(i, "O=Good,CN=client " + n, LEAF_KEYS).issue().certificate();
            assertNotNull(direct.validate(new X509Certificate[] {leaf, issuing}, java.util.Date.from(NOW)));
        }
        assertEquals(1, direct.rememberedLinks());
        // A remembered intermediate does not vouch for a different, forged one with the same name.
        TestCa forged = intermediate().signedBy(STRANGER_KEYS).issueCa();
        X509Certificate leaf = clientUnder(forged).issue().certificate();
        assertNull(direct.validate(new X509Certificate[] {leaf, forged.certificate()}, java.util.Date.from(NOW)));
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
