package dev.certgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.revocation.RfcPki;
import dev.certgate.internal.revocation.RfcPki.Party;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
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
    final RfcPki pki = new RfcPki(NOW);

    @TempDir
    Path dir;

    record Outcome(String status, boolean verified, String why) {}

    /** Runs {@code cert} with the given options, then the chain files. */
    Outcome cert(List<String> options, Party... chain) throws Exception {
        List<String> args = new ArrayList<>(List.of("cert", "--at", NOW.toString()));
        args.addAll(options);
        for (Party p : chain) {
            args.add(RfcPki.writePem(dir.resolve("chain-" + p.serial() + ".pem"), p)
                    .toString());
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

        Options trust(Party p) throws Exception {
            return file("--trust", p);
        }

        Options intermediate(Party p) throws Exception {
            return file("--intermediate", p);
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

        private Options file(String option, Party p) throws Exception {
            args.add(option);
            args.add(RfcPki.writePem(dir.resolve("cert-" + files++ + ".pem"), p).toString());
            return this;
        }
    }

    static void assertStatus(String expected, Outcome outcome) {
        assertTrue(outcome.verified(), "the chain must verify: " + outcome);
        assertEquals(expected, outcome.status(), outcome.why());
    }

    // --- separate CRL-signing key (RFC 5280 §5.2.1, §6.3.3 (f)) ---------------------------------

    @Test
    void aCrlSignedByASeparateKeyCountsOnlyWhileThatSignersCertificateIsNotRevoked() throws Exception {
        Party root = pki.cert("Root").ca().build();
        Party ca = pki.cert("Issuing CA").issuer(root).ca().build();
        // Same CA name, its own key, cRLSign only, certified by the root: signs the CA's CRLs.
        Party crlSigner =
                pki.cert(ca.name()).issuer(root).keyUsage(KeyUsage.cRLSign).build();
        Party good = pki.cert("good").issuer(ca).build();
        Party revoked = pki.cert("revoked").issuer(ca).build();
        byte[] caCrl = pki.crl(crlSigner)
                .issuerName(ca.name())
                .revoke(revoked.serial(), CRLReason.keyCompromise)
                .build();
        byte[] rootCrl = pki.crl(root).build();
        byte[] rootCrlRevokingTheSigner = pki.crl(root)
                .number(2)
                .revoke(crlSigner.serial(), CRLReason.keyCompromise)
                .build();

        Options fine =
                options().trust(root).intermediate(crlSigner).crl(rootCrl).crl(caCrl);
        assertStatus("good", cert(fine.args, good, ca));
        assertStatus("revoked", cert(fine.args, revoked, ca));

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
        Party root = pki.cert("Root").ca().build();
        Party impostor = pki.cert(root.name()).ca().ski(root.ski()).build();
        Party revoked = pki.cert("revoked").issuer(root).build();
        byte[] realCrl =
                pki.crl(root).revoke(revoked.serial(), CRLReason.keyCompromise).build();
        byte[] forged = pki.crl(impostor).number(99).build(); // "nothing is revoked"

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
        Party oldRoot = pki.cert("Rolling Root").ca().build();
        Party newRoot = pki.cert(oldRoot.name()).ca().build();
        // new key certified by the old one: the link from the old anchor to the new CRL key.
        Party newWithOld = pki.cert(oldRoot.name())
                .keys(newRoot.keys())
                .ski(newRoot.ski())
                .issuer(oldRoot)
                .ca()
                .build();
        Party good = pki.cert("old-key client").issuer(oldRoot).build();
        Party revoked = pki.cert("old-key revoked").issuer(oldRoot).build();
        byte[] crlByNewKey =
                pki.crl(newRoot).revoke(revoked.serial(), CRLReason.superseded).build();

        Options options = options().trust(oldRoot).intermediate(newWithOld).crl(crlByNewKey);
        assertStatus("good", cert(options.args, good));
        assertStatus("revoked", cert(options.args, revoked));
        // Without the self-issued link the CRL waits (UNKNOWN), it is not dropped or mistaken.
        Outcome waiting = cert(options().trust(oldRoot).crl(crlByNewKey).args, good);
        assertStatus("unknown", waiting);
    }

    @Test
    void aCrlSignedByTheOldKeyAnswersForCertificatesUnderTheNewAnchor() throws Exception {
        Party oldRoot = pki.cert("Rolled Root").ca().build();
        Party newRoot = pki.cert(oldRoot.name()).ca().build();
        Party oldWithNew = pki.cert(oldRoot.name())
                .keys(oldRoot.keys())
                .ski(oldRoot.ski())
                .issuer(newRoot)
                .ca()
                .build();
        Party good = pki.cert("new-key client").issuer(newRoot).build();
        Party revoked = pki.cert("new-key revoked").issuer(newRoot).build();
        byte[] crlByOldKey = pki.crl(oldRoot)
                .revoke(revoked.serial(), CRLReason.keyCompromise)
                .build();

        Options options = options().trust(newRoot).intermediate(oldWithNew).crl(crlByOldKey);
        assertStatus("good", cert(options.args, good));
        assertStatus("revoked", cert(options.args, revoked));
    }

    // --- DSA parameter inheritance (RFC 3279 §2.3.2, RFC 5280 §6.1.4 (d)-(f)) -----------------

    @Test
    void aDsaCaWhoseKeyInheritsItsParametersSignsUsableCrlsAndOcspAnswers() throws Exception {
        Party root = pki.cert("DSA Root").keys(RfcPki.dsaKeys()).ca().build();
        Party ca = pki.cert("DSA Issuing CA")
                .keys(RfcPki.dsaKeys())
                .dsaWithoutParameters()
                .issuer(root)
                .ca()
                .build();
        assertTrue(
                ((java.security.interfaces.DSAPublicKey) ca.cert().getPublicKey()).getParams() == null,
                "the CA certificate carries no DSA parameters");
        Party good = pki.cert("dsa good").issuer(ca).build();
        Party revoked = pki.cert("dsa revoked").issuer(ca).build();
        byte[] caCrl =
                pki.crl(ca).revoke(revoked.serial(), CRLReason.keyCompromise).build();
        byte[] rootCrl = pki.crl(root).build();

        Options crl = options().trust(root).crl(rootCrl).crl(caCrl);
        assertStatus("good", cert(crl.args, good, ca));
        assertStatus("revoked", cert(crl.args, revoked, ca));

        Options ocsp = options()
                .trust(root)
                .ocsp(pki.ocsp(ca, good.cert(), ca.cert(), null))
                .ocsp(pki.ocsp(ca, revoked.cert(), ca.cert(), CRLReason.keyCompromise))
                .with("--scope", "leaf");
        assertStatus("good", cert(ocsp.args, good, ca));
        assertStatus("revoked", cert(ocsp.args, revoked, ca));
    }

    // --- distribution points: relative names, names compared as names ------------------------

    @Test
    void distributionPointsNamedRelativeToTheIssuerMatchAsNames() throws Exception {
        Party root = pki.cert("Root").ca().build();
        Party inPartition2 = pki.cert("partition 2 client")
                .issuer(root)
                .distributionPoint(RfcPki.relativePoint("Partition 2"))
                .build();
        Party revoked = pki.cert("partition 2 revoked")
                .issuer(root)
                .distributionPoint(RfcPki.relativePoint("Partition 2"))
                .build();
        byte[] partition2 = pki.crl(root)
                .idp(RfcPki.idp(RfcPki.relativeName("Partition 2"), null, false))
                .revoke(revoked.serial(), CRLReason.keyCompromise)
                .build();
        byte[] partition1 = pki.crl(root)
                .idp(RfcPki.idp(RfcPki.relativeName("Partition 1"), null, false))
                .build();
        // The same point written as a full directoryName, in another case and string type.
        X500Name sameOrder = reorderedAsRootThenPartition(root, "PARTITION 2");
        byte[] asFullName = pki.crl(root)
                .idp(RfcPki.idp(RfcPki.fullName(sameOrder), null, false))
                .build();

        assertStatus("good", cert(options().trust(root).crl(partition2).args, inPartition2));
        assertStatus("revoked", cert(options().trust(root).crl(partition2).args, revoked));
        assertStatus("unknown", cert(options().trust(root).crl(partition1).args, inPartition2));
        assertStatus("good", cert(options().trust(root).crl(asFullName).args, inPartition2));
    }

    /** The root's DN followed by CN=cn (the resolved relative name), upper-cased: equal as a name, not as bytes. */
    private static X500Name reorderedAsRootThenPartition(Party root, String cn) {
        org.bouncycastle.asn1.x500.RDN[] base = root.name().getRDNs();
        org.bouncycastle.asn1.x500.RDN[] full = new org.bouncycastle.asn1.x500.RDN[base.length + 1];
        for (int i = 0; i < base.length; i++) {
            String value = org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(
                            base[i].getFirst().getValue())
                    .toUpperCase();
            full[i] = new org.bouncycastle.asn1.x500.RDN(
                    base[i].getFirst().getType(), new org.bouncycastle.asn1.DERPrintableString(value));
        }
        full[base.length] = new org.bouncycastle.asn1.x500.RDN(
                org.bouncycastle.asn1.x500.style.BCStyle.CN, new org.bouncycastle.asn1.DERPrintableString(cn));
        return new X500Name(full);
    }

    // --- reasons: onlySomeReasons split over two CRLs (§6.3.3 (d), (j), final step) -----------

    @Test
    void onlySomeReasonsCrlsCountTogetherWhenTheyCoverEveryReason() throws Exception {
        Party root = pki.cert("Root").ca().build();
        Party good = pki.cert("good")
                .issuer(root)
                .distributionPoint("http://crl.example/root.crl")
                .build();
        Party superseded = pki.cert("superseded")
                .issuer(root)
                .distributionPoint("http://crl.example/root.crl")
                .build();
        int compromise = ReasonFlags.keyCompromise | ReasonFlags.cACompromise | ReasonFlags.aACompromise;
        int others = ReasonFlags.affiliationChanged
                | ReasonFlags.superseded
                | ReasonFlags.cessationOfOperation
                | ReasonFlags.certificateHold
                | ReasonFlags.privilegeWithdrawn;
        byte[] compromises =
                pki.crl(root).number(1).idp(RfcPki.idp(null, compromise, false)).build();
        byte[] theRest = pki.crl(root)
                .number(2)
                .idp(RfcPki.idp(null, others, false))
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
        Party root = pki.cert("Root").ca().build();
        Party ca = pki.cert("Issuing CA").issuer(root).ca().build();
        Party authorityX = pki.cert("CRL Authority X")
                .issuer(root)
                .keyUsage(KeyUsage.cRLSign)
                .build();
        Party authorityY = pki.cert("CRL Authority Y")
                .issuer(root)
                .keyUsage(KeyUsage.cRLSign)
                .build();
        // Point A is X's; point B is Y's.
        Party leaf = pki.cert("two points")
                .issuer(ca)
                .distributionPoint(RfcPki.point("http://x.example/a.crl", authorityX.name(), null))
                .distributionPoint(RfcPki.point("http://y.example/b.crl", authorityY.name(), null))
                .build();
        Party revokedByX = pki.cert("revoked by X")
                .issuer(ca)
                .distributionPoint(RfcPki.point("http://x.example/a.crl", authorityX.name(), null))
                .build();
        byte[] rootCrl = pki.crl(root).build();
        // Y claims point A — which the certificate gives to X.
        byte[] yForPointA = pki.crl(authorityY)
                .idp(RfcPki.idp(RfcPki.fullName("http://x.example/a.crl"), null, true))
                .build();
        byte[] xForPointA = pki.crl(authorityX)
                .idp(RfcPki.idp(RfcPki.fullName("http://x.example/a.crl"), null, true))
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
        assertStatus("good", cert(right.args, leaf, ca));
        assertStatus("revoked", cert(right.args, revokedByX, ca));
    }

    // --- delta CRLs (§5.2.4, §6.3.3 (c), (i)-(k)) ---------------------------------------------

    @Test
    void deltaCrlsRevokeReleaseFromHoldAndAreNeverUsedStaleOrAlone() throws Exception {
        Party root = pki.cert("Root").ca().build();
        Party good = pki.cert("good").issuer(root).build();
        Party revokedSinceBase = pki.cert("revoked since the base").issuer(root).build();
        Party released = pki.cert("released from hold").issuer(root).build();
        byte[] base = pki.crl(root)
                .number(10)
                .revoke(released.serial(), CRLReason.certificateHold)
                .build();
        byte[] delta = pki.crl(root)
                .number(11)
                .deltaOf(10)
                .revoke(revokedSinceBase.serial(), CRLReason.keyCompromise)
                .revoke(released.serial(), CRLReason.removeFromCRL)
                .build();
        byte[] staleDelta = pki.crl(root)
                .number(11)
                .deltaOf(10)
                .times(NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1)))
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
        Party root = pki.cert("Root").ca().build();
        Party good = pki.cert("good").issuer(root).build();
        assertStatus("unknown", cert(options().trust(root).with("--revocation", "crl").args, good));
        Options fallback = options()
                .trust(root)
                .ocsp(pki.ocsp(root, good.cert(), root.cert(), null))
                .with("--revocation", "crl,ocsp");
        assertStatus("good", cert(fallback.args, good));
    }

    @Test
    void anIntermediateFileIsNotTrusted() throws Exception {
        Party root = pki.cert("Root").ca().build();
        Party stranger = pki.cert("Stranger CA").ca().build();
        Party leaf = pki.cert("stranger's client").issuer(stranger).build();
        // A self-signed --intermediate never becomes an anchor, for paths or for CRLs.
        Outcome outcome = cert(
                options()
                        .trust(root)
                        .intermediate(stranger)
                        .crl(pki.crl(stranger).build())
                        .args,
                leaf);
        assertEquals(false, outcome.verified(), outcome.toString());
        assertEquals("unchecked", outcome.status());
    }
}
