package dev.certgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestCrl;
import dev.certgate.testing.TestIdentity;
import dev.certgate.testing.TestOcspResponder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RFC 5280 §6.3.3 cases of issue 12, each end to end through {@code cert}: files in, the
 * {@code revocation_status} field out (and the one-line reason on stderr).
 */
class RevocationCasesCliTest {

    static final Instant NOW = Instant.parse("2031-03-10T12:00:00Z");

    @TempDir
    Path dir;

    record Outcome(String status, boolean verified, String why) {}

    static String dn(String cn) {
        return "CN=" + cn + ",O=certgate rfc test";
    }

    static TestCa root(String cn) {
        return TestCa.root(dn(cn), NOW);
    }

    /** Runs {@code cert} with the given options, then the chain files (the leaf, then its CAs). */
    Outcome cert(List<String> options, TestIdentity leaf, TestCa... cas) throws Exception {
        List<String> args = new ArrayList<>(List.of("cert", "--at", NOW.toString()));
        args.addAll(options);
        args.add(writePem("chain-" + leaf.serial(), leaf.certificate()));
        for (TestCa ca : cas) {
            args.add(writePem("chain-" + ca.identity().serial(), ca.certificate()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                args.toArray(new String[0]),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        String status = field(json, "certgate.tls_client_auth.revocation_status");
        boolean verified = json.contains("\"cf.tls_client_auth.cert_verified\": true");
        return new Outcome(status, verified, err.toString(StandardCharsets.UTF_8));
    }

    String writePem(String name, X509Certificate cert) throws Exception {
        return Files.writeString(dir.resolve(name + ".pem"), TestIdentity.pem(cert))
                .toString();
    }

    static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\": \"");
        assertTrue(at >= 0, json);
        int start = at + name.length() + 5;
        return json.substring(start, json.indexOf('"', start));
    }

    Options options() {
        return new Options();
    }

    /** The command-line options of one run. */
    final class Options {
        final List<String> args = new ArrayList<>();
        private int files;

        Options trust(TestCa ca) throws Exception {
            return file("--trust", ca.certificate());
        }

        Options intermediate(TestCa ca) throws Exception {
            return file("--intermediate", ca.certificate());
        }

        Options intermediate(TestIdentity signer) throws Exception {
            return file("--intermediate", signer.certificate());
        }

        Options crl(byte[] der) throws Exception {
            args.add("--crl");
            args.add(Files.write(dir.resolve("crl-" + files++ + ".crl"), der).toString());
            return this;
        }

        Options ocsp(byte[] der) throws Exception {
            args.add("--ocsp-response");
            args.add(Files.write(dir.resolve("ocsp-" + files++ + ".der"), der).toString());
            return this;
        }

        Options with(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        private Options file(String option, X509Certificate cert) throws Exception {
            args.add(option);
            args.add(writePem("cert-" + files++, cert));
            return this;
        }
    }

    /** With these options, good's chain is good and revoked's is revoked (each followed by cas). */
    void assertGoodAndRevoked(Options options, TestIdentity good, TestIdentity revoked, TestCa... cas)
            throws Exception {
        assertStatus("good", cert(options.args, good, cas));
        assertStatus("revoked", cert(options.args, revoked, cas));
    }

    static void assertStatus(String expected, Outcome outcome) {
        assertTrue(outcome.verified(), "the chain must verify: " + outcome);
        assertEquals(expected, outcome.status(), outcome.why());
    }

    // --- separate CRL-signing key (RFC 5280 §5.2.1, §6.3.3 (f)) ---------------------------------

    @Test
    void aCrlSignedByASeparateKeyCountsOnlyWhileThatSignersCertificateIsNotRevoked() throws Exception {
        TestCa root = root("Root");
        TestCa ca = root.subordinate(dn("Issuing CA")).issueCa();
        // Same CA name, its own key, cRLSign only, certified by the root: signs the CA's CRLs.
        TestIdentity crlSigner = root.leaf(ca.name()).keyUsage(KeyUsage.cRLSign).issue();
        TestIdentity good = ca.leaf(dn("good")).issue();
        TestIdentity revoked = ca.leaf(dn("revoked")).issue();
        byte[] caCrl = TestCrl.signedBy(crlSigner, NOW)
                .issuerName(ca.name())
                .revoke(revoked.serial(), CRLReason.keyCompromise)
                .build();
        byte[] rootCrl = root.crl().build();
        byte[] rootCrlRevokingTheSigner = root.crl()
                .number(2)
                .revoke(crlSigner.serial(), CRLReason.keyCompromise)
                .build();

        Options fine =
                options().trust(root).intermediate(crlSigner).crl(rootCrl).crl(caCrl);
        assertGoodAndRevoked(fine, good, revoked, ca);

        Options signerRevoked = options()
                .trust(root)
                .intermediate(crlSigner)
                .crl(rootCrlRevokingTheSigner)
                .crl(caCrl);
        Outcome outcome = cert(signerRevoked.args, good, ca);
        assertStatus("unknown", outcome);
        assertTrue(outcome.why().contains("the CRL signer") && outcome.why().contains("REVOKED"), outcome.why());

        // Without the signer's own status (no root CRL), the CA's CRL is not usable either.
        assertStatus(
                "unknown",
                cert(options().trust(root).intermediate(crlSigner).crl(caCrl).with("--scope", "leaf").args, good, ca));
    }

    // --- an impostor with the anchor's name and key identifier ----------------------------------

    @Test
    void anImpostorRootWithTheAnchorsNameAndKeyIdentifierSignsNothing() throws Exception {
        TestCa root = root("Root");
        TestCa impostor = TestCa.selfSigned(root.name(), NOW)
                .keyIdentifier(root.identity().keyIdentifier())
                .issueCa();
        TestIdentity revoked = root.leaf(dn("revoked")).issue();
        byte[] realCrl =
                root.crl().revoke(revoked.serial(), CRLReason.keyCompromise).build();
        byte[] forged = impostor.crl().number(99).build(); // "nothing is revoked"

        Outcome forgedOnly = cert(options().trust(root).intermediate(impostor).crl(forged).args, revoked);
        assertStatus("unknown", forgedOnly);
        assertTrue(forgedOnly.why().contains("signature not valid"), forgedOnly.why());
        assertStatus(
                "revoked",
                cert(options().trust(root).intermediate(impostor).crl(forged).crl(realCrl).args, revoked));
    }

    // --- key rollover: self-issued old-with-new / new-with-old (§5.2.1) ------------------------

    @Test
    void aCrlSignedByTheNewKeyAnswersForCertificatesUnderTheOldAnchor() throws Exception {
        assertCrlAcrossTheRollover("Rolling Root", true, "old-key", CRLReason.superseded);
    }

    @Test
    void aCrlSignedByTheOldKeyAnswersForCertificatesUnderTheNewAnchor() throws Exception {
        assertCrlAcrossTheRollover("Rolled Root", false, "new-key", CRLReason.keyCompromise);
    }

    /**
     * A root re-keyed under the same name: the clients are under one key (the anchor), the CRLs are
     * signed by the other, and a self-issued link certificate (new-with-old when the CRLs are the
     * new key's, old-with-new otherwise) certifies the CRL key under the anchor.
     */
    void assertCrlAcrossTheRollover(String cn, boolean crlByNewKey, String clients, int reason) throws Exception {
        TestCa oldRoot = root(cn);
        TestCa newRoot = TestCa.selfSigned(oldRoot.name(), NOW).issueCa();
        TestCa anchor = crlByNewKey ? oldRoot : newRoot;
        TestCa crlKey = crlByNewKey ? newRoot : oldRoot;
        TestCa link = anchor.subordinate(oldRoot.name()).keys(crlKey.keyPair()).issueCa();
        TestIdentity good = anchor.leaf(dn(clients + " client")).issue();
        TestIdentity revoked = anchor.leaf(dn(clients + " revoked")).issue();
        byte[] crl = crlKey.crl().revoke(revoked.serial(), reason).build();

        Options options = options().trust(anchor).intermediate(link).crl(crl);
        assertGoodAndRevoked(options, good, revoked);
        // Without the self-issued link the CRL waits (UNKNOWN), it is not dropped or mistaken.
        assertStatus("unknown", cert(options().trust(anchor).crl(crl).args, good));
    }

    // --- DSA parameter inheritance (RFC 3279 §2.3.2, RFC 5280 §6.1.4 (d)-(f)) -----------------

    @Test
    void aDsaCaWhoseKeyInheritsItsParametersSignsUsableCrlsAndOcspAnswers() throws Exception {
        TestCa root = TestCa.selfSigned(new X500Name(dn("DSA Root")), NOW)
                .keys(TestCa.newKeyPair("DSA"))
                .issueCa();
        TestCa ca = root.subordinate(dn("DSA Issuing CA"))
                .keys(TestCa.newKeyPair("DSA"))
                .dsaWithoutParameters()
                .issueCa();
        assertNull(
                ((DSAPublicKey) ca.certificate().getPublicKey()).getParams(),
                "the CA certificate carries no DSA parameters");
        TestIdentity good = ca.leaf(dn("dsa good")).issue();
        TestIdentity revoked = ca.leaf(dn("dsa revoked")).issue();
        byte[] caCrl =
                ca.crl().revoke(revoked.serial(), CRLReason.keyCompromise).build();
        byte[] rootCrl = root.crl().build();

        Options crl = options().trust(root).crl(rootCrl).crl(caCrl);
        assertGoodAndRevoked(crl, good, revoked, ca);

        Options ocsp = options()
                .trust(root)
                .ocsp(TestOcspResponder.response(ca.identity(), good.certificate(), ca.certificate(), null, NOW))
                .ocsp(TestOcspResponder.response(
                        ca.identity(), revoked.certificate(), ca.certificate(), CRLReason.keyCompromise, NOW))
                .with("--scope", "leaf");
        assertGoodAndRevoked(ocsp, good, revoked, ca);
    }

    // --- distribution points: relative names, names compared as names ------------------------

    @Test
    void distributionPointsNamedRelativeToTheIssuerMatchAsNames() throws Exception {
        TestCa root = root("Root");
        TestIdentity inPartition2 = root.leaf(dn("partition 2 client"))
                .crlDistributionPoint(TestCrl.relativePoint("Partition 2"))
                .issue();
        TestIdentity revoked = root.leaf(dn("partition 2 revoked"))
                .crlDistributionPoint(TestCrl.relativePoint("Partition 2"))
                .issue();
        byte[] partition2 = root.crl()
                .issuingDistributionPoint(TestCrl.idp(TestCrl.relativeName("Partition 2"), false, false, null, false))
                .revoke(revoked.serial(), CRLReason.keyCompromise)
                .build();
        byte[] partition1 = root.crl()
                .issuingDistributionPoint(TestCrl.idp(TestCrl.relativeName("Partition 1"), false, false, null, false))
                .build();
        // The same point written as a full directoryName, in another case and string type.
        X500Name sameOrder = reorderedAsRootThenPartition(root, "PARTITION 2");
        byte[] asFullName = root.crl()
                .issuingDistributionPoint(TestCrl.idp(TestCrl.fullName(sameOrder), false, false, null, false))
                .build();

        assertStatus("good", cert(options().trust(root).crl(partition2).args, inPartition2));
        assertStatus("revoked", cert(options().trust(root).crl(partition2).args, revoked));
        assertStatus("unknown", cert(options().trust(root).crl(partition1).args, inPartition2));
        assertStatus("good", cert(options().trust(root).crl(asFullName).args, inPartition2));
    }

    /** The root's DN followed by CN=cn (the resolved relative name), upper-cased: equal as a name, not as bytes. */
    private static X500Name reorderedAsRootThenPartition(TestCa root, String cn) {
        RDN[] base = root.name().getRDNs();
        RDN[] full = new RDN[base.length + 1];
        for (int i = 0; i < base.length; i++) {
            String value =
                    IETFUtils.valueToString(base[i].getFirst().getValue()).toUpperCase();
            full[i] = new RDN(base[i].getFirst().getType(), new DERPrintableString(value));
        }
        full[base.length] = new RDN(BCStyle.CN, new DERPrintableString(cn));
        return new X500Name(full);
    }

    // --- reasons: onlySomeReasons split over two CRLs (§6.3.3 (d), (j), final step) -----------

    @Test
    void onlySomeReasonsCrlsCountTogetherWhenTheyCoverEveryReason() throws Exception {
        TestCa root = root("Root");
        TestIdentity good = root.leaf(dn("good"))
                .crlDistributionPoint("http://crl.example/root.crl")
                .issue();
        TestIdentity superseded = root.leaf(dn("superseded"))
                .crlDistributionPoint("http://crl.example/root.crl")
                .issue();
        int compromise = ReasonFlags.keyCompromise | ReasonFlags.cACompromise | ReasonFlags.aACompromise;
        int others = ReasonFlags.affiliationChanged
                | ReasonFlags.superseded
                | ReasonFlags.cessationOfOperation
                | ReasonFlags.certificateHold
                | ReasonFlags.privilegeWithdrawn;
        byte[] compromises = root.crl()
                .number(1)
                .issuingDistributionPoint(TestCrl.idp(null, false, false, new ReasonFlags(compromise), false))
                .build();
        byte[] theRest = root.crl()
                .number(2)
                .issuingDistributionPoint(TestCrl.idp(null, false, false, new ReasonFlags(others), false))
                .revoke(superseded.serial(), CRLReason.superseded)
                .build();

        Outcome half = cert(options().trust(root).crl(compromises).args, good);
        assertStatus("unknown", half);
        assertTrue(half.why().contains("only some reasons"), half.why());
        assertStatus("good", cert(options().trust(root).crl(compromises).crl(theRest).args, good));
        assertStatus("revoked", cert(options().trust(root).crl(compromises).crl(theRest).args, superseded));
    }

    // --- indirect CRLs: the cRLIssuer is bound to its point (§6.3.3 (b)(1)) --------------------

    @Test
    void anIndirectCrlFromTheWrongIssuerDoesNotAnswerForAnotherIssuersPoint() throws Exception {
        TestCa root = root("Root");
        TestCa ca = root.subordinate(dn("Issuing CA")).issueCa();
        TestIdentity authorityX =
                root.leaf(dn("CRL Authority X")).keyUsage(KeyUsage.cRLSign).issue();
        TestIdentity authorityY =
                root.leaf(dn("CRL Authority Y")).keyUsage(KeyUsage.cRLSign).issue();
        // Point A is X's; point B is Y's.
        TestIdentity leaf = ca.leaf(dn("two points"))
                .crlDistributionPoint(TestCrl.point("http://x.example/a.crl", authorityX.name(), null))
                .crlDistributionPoint(TestCrl.point("http://y.example/b.crl", authorityY.name(), null))
                .issue();
        TestIdentity revokedByX = ca.leaf(dn("revoked by X"))
                .crlDistributionPoint(TestCrl.point("http://x.example/a.crl", authorityX.name(), null))
                .issue();
        byte[] rootCrl = root.crl().build();
        // Y claims point A — which the certificate gives to X.
        var pointA = TestCrl.idp(TestCrl.fullName("http://x.example/a.crl"), false, false, null, true);
        byte[] yForPointA = TestCrl.signedBy(authorityY, NOW)
                .issuingDistributionPoint(pointA)
                .build();
        byte[] xForPointA = TestCrl.signedBy(authorityX, NOW)
                .issuingDistributionPoint(pointA)
                .revoke(revokedByX.serial(), CRLReason.keyCompromise, ca.name())
                .build();

        Options wrong = options()
                .trust(root)
                .intermediate(authorityX)
                .intermediate(authorityY)
                .crl(rootCrl)
                .crl(yForPointA);
        assertStatus("unknown", cert(wrong.with("--scope", "leaf").args, leaf, ca));
        Options right = options()
                .trust(root)
                .intermediate(authorityX)
                .intermediate(authorityY)
                .crl(rootCrl)
                .crl(xForPointA)
                .with("--scope", "leaf");
        assertGoodAndRevoked(right, leaf, revokedByX, ca);
    }

    // --- delta CRLs (§5.2.4, §6.3.3 (c), (i)-(k)) ---------------------------------------------

    @Test
    void deltaCrlsRevokeReleaseFromHoldAndAreNeverUsedStaleOrAlone() throws Exception {
        TestCa root = root("Root");
        TestIdentity good = root.leaf(dn("good")).issue();
        TestIdentity revokedSinceBase = root.leaf(dn("revoked since the base")).issue();
        TestIdentity released = root.leaf(dn("released from hold")).issue();
        byte[] base = root.crl()
                .number(10)
                .revoke(released.serial(), CRLReason.certificateHold)
                .build();
        byte[] delta = root.crl()
                .number(11)
                .delta(10)
                .revoke(revokedSinceBase.serial(), CRLReason.keyCompromise)
                .revoke(released.serial(), CRLReason.removeFromCRL)
                .build();
        byte[] staleDelta = root.crl()
                .number(11)
                .delta(10)
                .thisUpdate(NOW.minus(Duration.ofDays(3)))
                .nextUpdate(NOW.minus(Duration.ofDays(1)))
                .build();

        assertStatus("good", cert(options().trust(root).crl(base).args, revokedSinceBase));
        assertStatus("revoked", cert(options().trust(root).crl(base).args, released));

        Options both = options().trust(root).crl(base).crl(delta);
        assertStatus("revoked", cert(both.args, revokedSinceBase));
        assertStatus("good", cert(both.args, released));
        assertStatus("good", cert(both.args, good));

        Outcome stale = cert(options().trust(root).crl(base).crl(staleDelta).args, good);
        assertStatus("unknown", stale);
        assertTrue(stale.why().contains("delta CRL is not current"), stale.why());

        Outcome alone = cert(options().trust(root).crl(delta).args, good);
        assertStatus("unknown", alone);
        assertTrue(alone.why().contains("without a matching complete CRL"), alone.why());
    }

    // --- the CLI's own options -----------------------------------------------------------------

    @Test
    void crlWithoutAnyCrlFileAnswersUnknownAndFallsBackToOcsp() throws Exception {
        TestCa root = root("Root");
        TestIdentity good = root.leaf(dn("good")).issue();
        assertStatus("unknown", cert(options().trust(root).with("--revocation", "crl").args, good));
        Options fallback = options()
                .trust(root)
                .ocsp(TestOcspResponder.response(root.identity(), good.certificate(), root.certificate(), null, NOW))
                .with("--revocation", "crl,ocsp");
        assertStatus("good", cert(fallback.args, good));
    }

    @Test
    void anIntermediateFileIsNotTrusted() throws Exception {
        TestCa root = root("Root");
        TestCa stranger = root("Stranger CA");
        TestIdentity leaf = stranger.leaf(dn("stranger's client")).issue();
        // A self-signed --intermediate never becomes an anchor, for paths or for CRLs.
        Outcome outcome = cert(
                options().trust(root).intermediate(stranger).crl(stranger.crl().build()).args, leaf);
        assertEquals(false, outcome.verified(), outcome.toString());
        assertEquals("unchecked", outcome.status());
    }
}
