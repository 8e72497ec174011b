package dev.certgate.internal.trust;

import static dev.certgate.internal.trust.DirectPathAttacksTest.caUnder;
import static dev.certgate.internal.trust.DirectPathAttacksTest.leafUnder;
import static dev.certgate.internal.trust.DirectPathAttacksTest.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.certgate.testing.LeafBuilder;
import dev.certgate.testing.TestCa;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the verifier (direct path + PKIX fallback) against the JDK's PKIX builder
 * called directly: many generated chains, each certificate randomly given one of the faults the
 * direct path must catch or leave to PKIX (wrong signer, CA:false, no basicConstraints, version 1,
 * no keyCertSign, pathLen, expired / not yet valid, unknown critical extension, name constraints,
 * policy constraints, critical policies with qualifiers, forged or missing key identifiers, SHA-1,
 * small RSA keys), and the presented chain randomly reordered, truncated, padded with the root, an
 * unrelated certificate or a self-signed impostor of the anchor. Every verdict must equal the
 * JDK's; every path the direct path accepts must also pass the JDK's {@code CertPathValidator}.
 */
class DirectPathDifferentialTest {
    private static final int CHAINS = 400;
    private static final long SEED = 0x5EED_16L;
    private static final Instant NOW = DirectPathAttacksTest.NOW;

    private static final KeyPair[] KEYS = {
        TestCa.newKeyPair(),
        TestCa.newKeyPair(),
        TestCa.newKeyPair(),
        TestCa.newKeyPair(),
        TestCa.newKeyPair(),
        TestCa.newKeyPair("EC", 384),
        TestCa.newKeyPair("EC", 384),
        TestCa.newKeyPair("RSA"),
        TestCa.newKeyPair("RSA", 1024)
    };
    private static final TestCa EC_ROOT_CA =
            root("O=Good,CN=differential EC root", TestCa.newKeyPair()).issueCa();
    private static final TestCa RSA_ROOT_CA = root("O=Good,CN=differential RSA root", TestCa.newKeyPair("RSA"))
            .digest("SHA384")
            .issueCa();
    private static final X509Certificate EC_ROOT = EC_ROOT_CA.certificate();
    private static final X509Certificate RSA_ROOT = RSA_ROOT_CA.certificate();
    private static final List<X509Certificate> ANCHORS = List.of(EC_ROOT, RSA_ROOT);
    private static final X509Certificate UNRELATED =
            root("O=Elsewhere,CN=unrelated", TestCa.newKeyPair()).issue().certificate();

    /** One generated case: the presented chain, the time of the request, what was done to it. */
    private record Case(X509Certificate[] presented, Instant at, String description) {}

    @Test
    void verdictsEqualTheJdksOnGeneratedChains() {
        ChainVerifier verifier = new ChainVerifier(TrustAnchors.of(ANCHORS, "differential"));
        Random random = new Random(SEED);
        int accepted = 0;
        int direct = 0;
        int acceptedByPkixFallback = 0;
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < CHAINS; n++) {
            Case c = generate(random, n);
            boolean jdk = JdkPkix.builderAccepts(c.presented(), ANCHORS, c.at());
            Verification ours = verifier.verify(c.presented(), c.at());
            List<X509Certificate> directPath = verifier.directPathOnly(c.presented(), c.at());
            if (jdk != ours.verified()) {
                mismatches.add("#" + n + " " + c.description() + ": JDK " + jdk + ", certgate " + ours.verified() + " ("
                        + ours.error() + ")" + (directPath != null ? " via the direct path" : ""));
                continue;
            }
            if (directPath != null) {
                direct++;
                if (!JdkPkix.validatorAccepts(directPath.subList(0, directPath.size() - 1), ANCHORS, c.at())) {
                    mismatches.add("#" + n + " " + c.description() + ": direct path not valid for CertPathValidator");
                }
                if (ours.verified()) {
                    assertEquals(directPath, ours.path(), "#" + n + " " + c.description());
                }
            }
            if (jdk) {
                accepted++;
                if (directPath == null) {
                    acceptedByPkixFallback++;
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + CHAINS + " verdicts differ from the JDK's:\n"
                    + String.join("\n", mismatches));
        }
        System.out.printf(
                "%d chains: %d accepted by the JDK, %d of them by the direct path; %d accepted by the direct"
                        + " path in all%n",
                CHAINS, accepted, accepted - acceptedByPkixFallback, direct);
        // The generator must exercise both sides, or the comparison proves little.
        assertTrue(accepted >= CHAINS / 5 && accepted <= CHAINS * 4 / 5, "accepted " + accepted + " of " + CHAINS);
        assertTrue(direct >= accepted / 2, "direct " + direct + " of " + accepted + " accepted");
        assertTrue(acceptedByPkixFallback > 0, "no accepted chain reached the PKIX fallback");
    }

    private static Case generate(Random r, int n) {
        List<String> what = new ArrayList<>();
        boolean rsaRoot = r.nextInt(4) == 0;
        TestCa issuer = rsaRoot ? RSA_ROOT_CA : EC_ROOT_CA;
        X509Certificate anchor = issuer.certificate();
        X509Certificate parent = anchor;
        what.add(rsaRoot ? "RSA root" : "EC root");
        X509Certificate impostor = null;
        if (r.nextInt(20) == 0) {
            // A self-signed impostor with the anchor's name and key id signs the first certificate below it.
            byte[] ski = SubjectKeyIdentifier.getInstance(
                            ASN1OctetString.getInstance(anchor.getExtensionValue("2.5.29.14"))
                                    .getOctets())
                    .getKeyIdentifier();
            KeyPair impostorKeys = TestCa.newKeyPair();
            issuer = root(anchor.getSubjectX500Principal().getName(), impostorKeys)
                    .keyIdentifier(ski)
                    .issueCa();
            impostor = issuer.certificate();
            what.add("impostor root");
        }
        int depth = r.nextInt(4);
        List<X509Certificate> intermediates = new ArrayList<>(); // anchor side first
        for (int i = 0; i < depth; i++) {
            LeafBuilder m = caUnder(issuer, "O=Good,CN=intermediate " + n + "." + i, otherThan(r, issuer.keyPair()));
            if (!mutateCa(r, m, what, i)) {
                authorityKeyIdentifier(r, m, parent, what, "intermediate " + i);
            }
            issuer = m.issueCa();
            intermediates.add(issuer.certificate());
            parent = issuer.certificate();
        }
        boolean evilName = r.nextInt(10) == 0;
        LeafBuilder leaf =
                leafUnder(issuer, (evilName ? "O=Evil" : "O=Good") + ",CN=leaf " + n, otherThan(r, issuer.keyPair()));
        if (evilName) {
            what.add("leaf O=Evil");
        }
        if (!mutateLeaf(r, leaf, what)) {
            authorityKeyIdentifier(r, leaf, parent, what, "leaf");
        }
        List<X509Certificate> presented = new ArrayList<>();
        presented.add(leaf.issue().certificate());
        List<X509Certificate> upward = new ArrayList<>(intermediates);
        Collections.reverse(upward);
        presented.addAll(upward);
        int shape = r.nextInt(40);
        if (shape < 2 && presented.size() > 2) {
            Collections.swap(presented, 1, 2);
            what.add("out of order");
        } else if (shape < 4 && presented.size() > 1) {
            presented.remove(1 + r.nextInt(presented.size() - 1));
            what.add("an intermediate missing");
        }
        if (r.nextInt(3) == 0) {
            presented.add(anchor);
            what.add("root sent");
        }
        if (r.nextInt(20) == 0) {
            presented.add(1 + r.nextInt(presented.size()), UNRELATED);
            what.add("unrelated certificate");
        }
        if (impostor != null) {
            presented.add(impostor);
        }
        Instant at = NOW;
        int when = r.nextInt(20);
        if (when == 0) {
            at = NOW.plus(Duration.ofDays(400));
            what.add("checked in 400 days");
        } else if (when == 1) {
            at = NOW.minus(Duration.ofDays(2));
            what.add("checked 2 days ago");
        }
        return new Case(presented.toArray(new X509Certificate[0]), at, String.join(", ", what));
    }

    /** A third of the certificates carry issuer name and serial in their AKI, some with the wrong serial. */
    private static void authorityKeyIdentifier(
            Random r, LeafBuilder m, X509Certificate parent, List<String> what, String who) {
        if (r.nextInt(3) != 0) {
            return;
        }
        if (r.nextInt(8) == 0) {
            m.authorityKeyIdOf(parent, parent.getSerialNumber().add(java.math.BigInteger.ONE));
            what.add("AKI with a wrong serial (" + who + ")");
        } else {
            m.authorityKeyIdOf(parent, null);
            what.add("AKI with issuer and serial (" + who + ")");
        }
    }

    /** One way to spoil a certificate: its name in a case's description, and what it does to the builder. */
    private record Mutation(String name, BiConsumer<LeafBuilder, Random> apply) {}

    /** The mutations that write their own authority key identifier (left alone by {@link #authorityKeyIdentifier}). */
    private static final Set<String> OWN_AUTHORITY_KEY_ID = Set.of("forged AKI", "no AKI", "leaf forged AKI");

    /** Drawn from 48 buckets: an intermediate is left alone in about half of the cases. */
    private static final List<Mutation> CA_MUTATIONS = List.of(
            new Mutation("CA:false", (m, r) -> m.basicConstraints(new BasicConstraints(false), true)),
            new Mutation("no basicConstraints", (m, r) -> m.basicConstraints(null, true)),
            new Mutation("version 1", (m, r) -> m.version1()),
            new Mutation("no keyCertSign", (m, r) -> m.keyUsage(KeyUsage.digitalSignature)),
            new Mutation("no keyUsage", (m, r) -> m.keyUsage(0)),
            new Mutation("pathLen 0", (m, r) -> m.pathLength(0)),
            new Mutation("pathLen 0", (m, r) -> m.pathLength(0)),
            new Mutation("pathLen 1", (m, r) -> m.pathLength(1)),
            new Mutation("expired", (m, r) -> m.expired()),
            new Mutation(
                    "not yet valid", (m, r) -> m.validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(99)))),
            new Mutation("unknown critical extension", (m, r) -> m.unknownExtension(true)),
            new Mutation("DNS constraint", (m, r) -> m.permittedSubtree(GeneralName.dNSName, "good.example")),
            new Mutation("DN constraint", (m, r) -> m.permittedSubtree(GeneralName.directoryName, "O=Good")),
            new Mutation("policy constraints", (m, r) -> m.requireExplicitPolicy()),
            new Mutation("critical policies", (m, r) -> m.certificatePolicy(true)),
            new Mutation("policies", (m, r) -> m.certificatePolicy(false)),
            new Mutation("wrong signer", (m, r) -> wrongSigner(m, r)),
            new Mutation("forged AKI", (m, r) -> m.authorityKeyId(new byte[] {1, 2, 3, 4})),
            new Mutation("no AKI", (m, r) -> m.noAuthorityKeyId()),
            new Mutation("no SKI", (m, r) -> m.noSubjectKeyId()),
            new Mutation("SHA-1", (m, r) -> m.digest("SHA1")),
            new Mutation(
                    "basicConstraints not critical", (m, r) -> m.basicConstraints(new BasicConstraints(true), false)),
            new Mutation("unknown non-critical extension", (m, r) -> m.unknownExtension(false)));

    /** Drawn from 36 buckets. */
    private static final List<Mutation> LEAF_MUTATIONS = List.of(
            new Mutation("leaf expired", (m, r) -> m.expired()),
            new Mutation("leaf unknown critical extension", (m, r) -> m.unknownExtension(true)),
            new Mutation("leaf serverAuth", (m, r) -> m.server()),
            new Mutation("leaf without EKU", (m, r) -> m.ekus()),
            new Mutation("leaf keyEncipherment", (m, r) -> m.keyUsage(KeyUsage.keyEncipherment)),
            new Mutation("leaf without keyUsage", (m, r) -> m.keyUsage(0)),
            new Mutation("leaf SAN good", (m, r) -> m.dns("www.good.example")),
            new Mutation("leaf SAN evil", (m, r) -> m.dns("www.evil.example")),
            new Mutation(
                    "leaf critical SAN", (m, r) -> m.dns("www.good.example").criticalSubjectAltNames()),
            new Mutation("leaf wrong signer", (m, r) -> wrongSigner(m, r)),
            new Mutation("leaf forged AKI", (m, r) -> m.authorityKeyId(new byte[] {9, 9, 9})),
            new Mutation("leaf is a CA", (m, r) -> m.basicConstraints(new BasicConstraints(true), true)),
            new Mutation("leaf version 1", (m, r) -> m.version1()),
            new Mutation("leaf policy constraints", (m, r) -> m.requireExplicitPolicy()),
            new Mutation("leaf SHA-1", (m, r) -> m.digest("SHA1")));

    /** Signed by a random key, which the authority key identifier names. */
    private static void wrongSigner(LeafBuilder m, Random r) {
        KeyPair signer = KEYS[r.nextInt(KEYS.length)];
        m.signedBy(signer).authorityKeyIdOf(signer.getPublic());
    }

    /**
     * Draws one of buckets; the buckets past the table's end leave the certificate alone. True when
     * the mutation wrote its own authority key identifier.
     */
    private static boolean mutate(
            Random r, LeafBuilder m, List<String> what, List<Mutation> table, int buckets, String at) {
        int k = r.nextInt(buckets);
        if (k >= table.size()) {
            return false;
        }
        table.get(k).apply().accept(m, r);
        what.add(table.get(k).name() + at);
        return OWN_AUTHORITY_KEY_ID.contains(table.get(k).name());
    }

    private static boolean mutateCa(Random r, LeafBuilder m, List<String> what, int level) {
        return mutate(r, m, what, CA_MUTATIONS, 48, " (intermediate " + level + ")");
    }

    private static boolean mutateLeaf(Random r, LeafBuilder m, List<String> what) {
        return mutate(r, m, what, LEAF_MUTATIONS, 36, "");
    }

    private static KeyPair otherThan(Random r, KeyPair not) {
        while (true) {
            KeyPair k = KEYS[r.nextInt(KEYS.length)];
            if (k != not) {
                return k;
            }
        }
    }
}
