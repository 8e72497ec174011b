package dev.certgate.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
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
    private static final Instant NOW = CertMaker.NOW;

    private static final KeyPair[] KEYS = {
        CertMaker.ec("secp256r1"), CertMaker.ec("secp256r1"), CertMaker.ec("secp256r1"), CertMaker.ec("secp256r1"),
        CertMaker.ec("secp256r1"), CertMaker.ec("secp384r1"), CertMaker.ec("secp384r1"), CertMaker.rsa(2048),
        CertMaker.rsa(1024)
    };
    private static final KeyPair EC_ROOT_KEYS = CertMaker.ec("secp256r1");
    private static final KeyPair RSA_ROOT_KEYS = CertMaker.rsa(2048);
    private static final String EC_ROOT_DN = "O=Good,CN=differential EC root";
    private static final String RSA_ROOT_DN = "O=Good,CN=differential RSA root";
    private static final X509Certificate EC_ROOT =
            CertMaker.root(EC_ROOT_DN, EC_ROOT_KEYS).build();
    private static final X509Certificate RSA_ROOT = rsaRoot();
    private static final List<X509Certificate> ANCHORS = List.of(EC_ROOT, RSA_ROOT);
    private static final X509Certificate UNRELATED = CertMaker.root(
                    "O=Elsewhere,CN=unrelated", CertMaker.ec("secp256r1"))
            .build();

    private static X509Certificate rsaRoot() {
        CertMaker m = CertMaker.root(RSA_ROOT_DN, RSA_ROOT_KEYS);
        m.algorithm = "SHA384withRSA";
        return m.build();
    }

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
        X500Name parentName = new X500Name(rsaRoot ? RSA_ROOT_DN : EC_ROOT_DN);
        KeyPair parentKeys = rsaRoot ? RSA_ROOT_KEYS : EC_ROOT_KEYS;
        X509Certificate anchor = rsaRoot ? RSA_ROOT : EC_ROOT;
        X509Certificate parent = anchor;
        what.add(rsaRoot ? "RSA root" : "EC root");
        X509Certificate impostor = null;
        if (r.nextInt(20) == 0) {
            // A self-signed impostor with the anchor's name and key id signs the first certificate below it.
            byte[] ski = SubjectKeyIdentifier.getInstance(
                            ASN1OctetString.getInstance(anchor.getExtensionValue("2.5.29.14"))
                                    .getOctets())
                    .getKeyIdentifier();
            KeyPair impostorKeys = CertMaker.ec("secp256r1");
            CertMaker m = CertMaker.root(anchor.getSubjectX500Principal().getName(), impostorKeys);
            m.skiOverride = ski;
            impostor = m.build();
            parentName = m.subject;
            parentKeys = impostorKeys;
            what.add("impostor root");
        }
        int depth = r.nextInt(4);
        List<X509Certificate> intermediates = new ArrayList<>(); // anchor side first
        for (int i = 0; i < depth; i++) {
            KeyPair keys = otherThan(r, parentKeys);
            CertMaker m = new CertMaker("O=Good,CN=intermediate " + n + "." + i, keys).issuedBy(parentName, parentKeys);
            mutateCa(r, m, what, i);
            authorityKeyIdentifier(r, m, parent, what, "intermediate " + i);
            X509Certificate built = m.build();
            intermediates.add(built);
            parentName = m.subject;
            parentKeys = keys;
            parent = built;
        }
        boolean evilName = r.nextInt(10) == 0;
        CertMaker leaf = new CertMaker((evilName ? "O=Evil" : "O=Good") + ",CN=leaf " + n, otherThan(r, parentKeys))
                .leaf()
                .issuedBy(parentName, parentKeys);
        if (evilName) {
            what.add("leaf O=Evil");
        }
        mutateLeaf(r, leaf, what);
        authorityKeyIdentifier(r, leaf, parent, what, "leaf");
        List<X509Certificate> presented = new ArrayList<>();
        presented.add(leaf.build());
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
            Random r, CertMaker m, X509Certificate parent, List<String> what, String who) {
        if (m.akiKeyId != null || m.noAki || r.nextInt(3) != 0) {
            return;
        }
        m.akiFrom = parent;
        if (r.nextInt(8) == 0) {
            m.akiSerial = parent.getSerialNumber().add(java.math.BigInteger.ONE);
            what.add("AKI with a wrong serial (" + who + ")");
        } else {
            what.add("AKI with issuer and serial (" + who + ")");
        }
    }

    /** One way to spoil a certificate: its name in a case's description, and what it does to the maker. */
    private record Mutation(String name, BiConsumer<CertMaker, Random> apply) {}

    /** Drawn from 48 buckets: an intermediate is left alone in about half of the cases. */
    private static final List<Mutation> CA_MUTATIONS = List.of(
            new Mutation("CA:false", (m, r) -> m.ca = 0),
            new Mutation("no basicConstraints", (m, r) -> m.ca = -1),
            new Mutation("version 1", (m, r) -> m.v1 = true),
            new Mutation("no keyCertSign", (m, r) -> m.keyUsage = KeyUsage.digitalSignature),
            new Mutation("no keyUsage", (m, r) -> m.keyUsage = 0),
            new Mutation("pathLen 0", (m, r) -> m.pathLen = 0),
            new Mutation("pathLen 0", (m, r) -> m.pathLen = 0),
            new Mutation("pathLen 1", (m, r) -> m.pathLen = 1),
            new Mutation("expired", (m, r) -> m.expired()),
            new Mutation(
                    "not yet valid",
                    (m, r) -> m.validity(
                            CertMaker.NOW.plus(Duration.ofDays(1)), CertMaker.NOW.plus(Duration.ofDays(99)))),
            new Mutation("unknown critical extension", (m, r) -> m.unknownCritical = true),
            new Mutation("DNS constraint", (m, r) -> m.nameConstraints = CertMaker.permittedDns("good.example")),
            new Mutation("DN constraint", (m, r) -> m.nameConstraints = CertMaker.permittedDirectory("O=Good")),
            new Mutation("policy constraints", (m, r) -> m.policyConstraints = true),
            new Mutation("critical policies", (m, r) -> m.criticalPolicies = true),
            new Mutation("policies", (m, r) -> m.policies = true),
            new Mutation("wrong signer", (m, r) -> {
                m.signer = KEYS[r.nextInt(KEYS.length)];
                m.akiKey = null;
            }),
            new Mutation("forged AKI", (m, r) -> m.akiKeyId = new byte[] {1, 2, 3, 4}),
            new Mutation("no AKI", (m, r) -> m.noAki = true),
            new Mutation("no SKI", (m, r) -> m.noSki = true),
            new Mutation("SHA-1", (m, r) -> m.algorithm = sha1For(m)),
            new Mutation("basicConstraints not critical", (m, r) -> m.basicConstraintsCritical = false),
            new Mutation("unknown non-critical extension", (m, r) -> m.unknownNonCritical = true));

    /** Drawn from 36 buckets. */
    private static final List<Mutation> LEAF_MUTATIONS = List.of(
            new Mutation("leaf expired", (m, r) -> m.expired()),
            new Mutation("leaf unknown critical extension", (m, r) -> m.unknownCritical = true),
            new Mutation("leaf serverAuth", (m, r) -> m.ekus = new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}),
            new Mutation("leaf without EKU", (m, r) -> m.ekus = new KeyPurposeId[] {}),
            new Mutation("leaf keyEncipherment", (m, r) -> m.keyUsage = KeyUsage.keyEncipherment),
            new Mutation("leaf without keyUsage", (m, r) -> m.keyUsage = 0),
            new Mutation(
                    "leaf SAN good", (m, r) -> m.sans.add(new GeneralName(GeneralName.dNSName, "www.good.example"))),
            new Mutation(
                    "leaf SAN evil", (m, r) -> m.sans.add(new GeneralName(GeneralName.dNSName, "www.evil.example"))),
            new Mutation("leaf critical SAN", (m, r) -> {
                m.sans.add(new GeneralName(GeneralName.dNSName, "www.good.example"));
                m.sanCritical = true;
            }),
            new Mutation("leaf wrong signer", (m, r) -> m.signer = KEYS[r.nextInt(KEYS.length)]),
            new Mutation("leaf forged AKI", (m, r) -> m.akiKeyId = new byte[] {9, 9, 9}),
            new Mutation("leaf is a CA", (m, r) -> m.ca = 1),
            new Mutation("leaf version 1", (m, r) -> m.v1 = true),
            new Mutation("leaf policy constraints", (m, r) -> m.policyConstraints = true),
            new Mutation("leaf SHA-1", (m, r) -> m.algorithm = sha1For(m)));

    private static String sha1For(CertMaker m) {
        return m.signer.getPublic().getAlgorithm().equals("RSA") ? "SHA1withRSA" : "SHA1withECDSA";
    }

    /** Draws one of buckets; the buckets past the table's end leave the certificate alone. */
    private static void mutate(Random r, CertMaker m, List<String> what, List<Mutation> table, int buckets, String at) {
        int k = r.nextInt(buckets);
        if (k < table.size()) {
            table.get(k).apply().accept(m, r);
            what.add(table.get(k).name() + at);
        }
    }

    private static void mutateCa(Random r, CertMaker m, List<String> what, int level) {
        mutate(r, m, what, CA_MUTATIONS, 48, " (intermediate " + level + ")");
    }

    private static void mutateLeaf(Random r, CertMaker m, List<String> what) {
        mutate(r, m, what, LEAF_MUTATIONS, 36, "");
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
