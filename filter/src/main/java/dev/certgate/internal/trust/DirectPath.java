package dev.certgate.internal.trust;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * The direct-issuer fast path of chain validation: the chain as the client sent it, each
 * certificate issued by the next, up to a certificate issued by a configured anchor. Such a chain
 * is validated here with the checks of RFC 5280 §6.1 that apply to it, which is much cheaper than
 * building a path with {@code CertPathBuilder}; what does not depend on the time (a CA's own
 * fitness, its signature and key identifiers under its issuer) is checked once per CA certificate
 * ({@link CaChecks}).
 *
 * <p>This class only ever <em>accepts</em>: for anything outside its scope, and for every chain
 * that fails one of its checks, it answers {@code null} and the caller runs the full PKIX
 * validator, which gives the verdict and the reason. Out of scope, and so left to PKIX: chains not
 * in issuer order, more than {@value #MAX_INTERMEDIATES} intermediates, self-issued intermediates,
 * version 1 or 2 CA certificates, name constraints, policy constraints, policy mappings,
 * inhibitAnyPolicy, any critical extension other than basicConstraints, keyUsage,
 * extendedKeyUsage and subjectAltName, authority key identifiers that do not match the issuer,
 * algorithms and keys outside {@link StrongAlgorithms}, anchors that are not usable CA
 * certificates at the time of the request, and a leaf that is itself an anchor.
 *
 * <p>Checked for an accepted path (certificate 1 issued by the anchor … certificate n the leaf):
 * each signature with the issuer's public key; issuer name = the issuer's subject name (and the
 * authority key identifier = the issuer's subject key identifier, as the JDK's builder matches
 * them); every certificate, the anchor's included, valid at the request time; every intermediate a
 * CA (basicConstraints cA) whose keyUsage, when present, has keyCertSign; pathLenConstraint
 * (RFC 5280 §6.1.4 (l), (m)), the anchor's own included; no unrecognised critical extension.
 * The leaf's fitness for client authentication is the caller's (as for PKIX).
 */
final class DirectPath {
    static final int MAX_INTERMEDIATES = 4;

    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String SUBJECT_KEY_ID = "2.5.29.14";
    private static final String AUTHORITY_KEY_ID = "2.5.29.35";
    /** Extensions whose processing this class does not implement: their presence sends the chain to PKIX. */
    private static final List<String> LEFT_TO_PKIX = List.of(
            "2.5.29.30", // nameConstraints
            "2.5.29.33", // policyMappings
            "2.5.29.36", // policyConstraints
            "2.5.29.54"); // inhibitAnyPolicy

    private static final Set<String> UNDERSTOOD_CRITICAL =
            Set.of(BASIC_CONSTRAINTS, KEY_USAGE, EXTENDED_KEY_USAGE, SUBJECT_ALT_NAME);
    private static final int KU_KEY_CERT_SIGN = 5;

    private final Map<X500Principal, List<X509Certificate>> anchorsBySubject = new HashMap<>();
    private final Set<X509Certificate> anchors = new HashSet<>();
    private final CaChecks caChecks = new CaChecks();
    private final Signatures signatures = new Signatures();

    DirectPath(List<X509Certificate> anchorCertificates) {
        for (X509Certificate anchor : anchorCertificates) {
            anchors.add(anchor);
            if (usableAnchor(anchor)) {
                anchorsBySubject
                        .computeIfAbsent(anchor.getSubjectX500Principal(), k -> new ArrayList<>())
                        .add(anchor);
            }
        }
    }

    /**
     * The validated path, leaf first and the anchor last, or null when this class does not accept
     * the chain (the caller then asks PKIX). The leaf's purpose is the caller's to check.
     */
    List<X509Certificate> validate(X509Certificate[] chain, Date at) {
        X509Certificate leaf = chain[0];
        if (anchors.contains(leaf) || !eligible(leaf) || !valid(leaf, at)) {
            return null;
        }
        List<X509Certificate> path = new ArrayList<>(3);
        path.add(leaf);
        X509Certificate current = leaf;
        int next = 1;
        while (true) {
            if (current.getIssuerX500Principal().getEncoded().length <= 2) {
                return null; // an empty issuer name: chaining by name means nothing, PKIX decides
            }
            X509Certificate anchor = anchorIssuing(current, current == leaf);
            if (anchor != null) {
                if (!valid(anchor, at) || anchor.getBasicConstraints() < path.size() - 1) {
                    return null;
                }
                path.add(anchor);
                break;
            }
            if (path.size() > MAX_INTERMEDIATES || next >= chain.length) {
                return null;
            }
            X509Certificate issuer = chain[next++];
            if (issuer == null
                    || !issuer.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                    || !caChecks.usable(issuer, DirectPath::usableIntermediate)
                    || !valid(issuer, at)
                    || !issued(current, issuer, current == leaf, true)) {
                return null;
            }
            path.add(issuer);
            current = issuer;
        }
        return pathLengthsHold(path) ? List.copyOf(path) : null;
    }

    /** The anchor whose name and key issued {@code cert}, or null. */
    private X509Certificate anchorIssuing(X509Certificate cert, boolean isLeaf) {
        List<X509Certificate> candidates = anchorsBySubject.get(cert.getIssuerX500Principal());
        if (candidates == null) {
            return null;
        }
        for (X509Certificate anchor : candidates) {
            if (issued(cert, anchor, isLeaf, false)) {
                return anchor;
            }
        }
        return null;
    }

    /** Key identifiers, algorithm and signature of {@code cert} under {@code issuer}; remembered for CAs. */
    private boolean issued(X509Certificate cert, X509Certificate issuer, boolean isLeaf, boolean strictKeyId) {
        BiPredicate<X509Certificate, X509Certificate> check =
                strictKeyId ? this::signedByPresented : this::signedByAnchor;
        return isLeaf ? check.test(cert, issuer) : caChecks.issued(cert, issuer, check);
    }

    private boolean signedByPresented(X509Certificate cert, X509Certificate issuer) {
        return keyIdentifiersMatch(cert, issuer, true) && signedBy(cert, issuer);
    }

    private boolean signedByAnchor(X509Certificate cert, X509Certificate anchor) {
        return keyIdentifiersMatch(cert, anchor, false) && signedBy(cert, anchor);
    }

    private boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        return StrongAlgorithms.signature(cert.getSigAlgOID(), cert.getSigAlgParams(), issuer.getPublicKey())
                && signatures.verifies(cert, issuer);
    }

    /** RFC 5280 §6.1.4 (l) and (m), from the anchor's side; intermediates are never self-issued here. */
    private static boolean pathLengthsHold(List<X509Certificate> path) {
        int n = path.size() - 1; // certificates below the anchor
        int maxPathLength = n;
        for (int i = n - 1; i >= 1; i--) { // the intermediates, the anchor's child first
            if (maxPathLength <= 0) {
                return false;
            }
            maxPathLength--;
            int pathLen = path.get(i).getBasicConstraints();
            if (pathLen < maxPathLength) {
                maxPathLength = pathLen;
            }
        }
        return true;
    }

    /** Extensions and key within this class's scope (any certificate of the path). */
    private static boolean eligible(X509Certificate cert) {
        Set<String> critical = cert.getCriticalExtensionOIDs();
        if (critical != null && !UNDERSTOOD_CRITICAL.containsAll(critical)) {
            return false;
        }
        for (String oid : LEFT_TO_PKIX) {
            if (cert.getExtensionValue(oid) != null) {
                return false;
            }
        }
        return StrongAlgorithms.key(cert.getPublicKey());
    }

    /** The time-independent checks of an intermediate: a version 3 CA, not self-issued, keyCertSign. */
    private static boolean usableIntermediate(X509Certificate ca) {
        if (ca.getVersion() != 3
                || ca.getBasicConstraints() < 0
                || !eligible(ca)
                || ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal())) {
            return false;
        }
        boolean[] ku = ca.getKeyUsage();
        return ku == null || (ku.length > KU_KEY_CERT_SIGN && ku[KU_KEY_CERT_SIGN]);
    }

    /** An anchor the direct path may end at; its own signature algorithm must be a strong one too. */
    private static boolean usableAnchor(X509Certificate anchor) {
        if (anchor.getBasicConstraints() < 0 || !eligible(anchor)) {
            return false;
        }
        boolean selfIssued = anchor.getSubjectX500Principal().equals(anchor.getIssuerX500Principal());
        boolean strong = selfIssued
                ? StrongAlgorithms.signature(anchor.getSigAlgOID(), anchor.getSigAlgParams(), anchor.getPublicKey())
                : StrongAlgorithms.algorithm(anchor.getSigAlgOID(), anchor.getSigAlgParams());
        if (!strong) {
            return false;
        }
        boolean[] ku = anchor.getKeyUsage();
        return ku == null || (ku.length > KU_KEY_CERT_SIGN && ku[KU_KEY_CERT_SIGN]);
    }

    private static boolean valid(X509Certificate cert, Date at) {
        try {
            cert.checkValidity(at);
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    /**
     * Whether {@code child}'s authority key identifier agrees with {@code issuer}: its key identifier
     * with the issuer's subject key identifier, its issuer name and serial (when present) with the
     * issuer's own issuer name and serial number, as the JDK's builder selects issuers by them. With
     * {@code strict} (an issuer taken from the presented chain), a key identifier in the child
     * requires one in the issuer.
     */
    static boolean keyIdentifiersMatch(X509Certificate child, X509Certificate issuer, boolean strict) {
        byte[] akiExtension = child.getExtensionValue(AUTHORITY_KEY_ID);
        if (akiExtension == null) {
            return true;
        }
        try {
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(
                    ASN1OctetString.getInstance(akiExtension).getOctets());
            if (aki.getAuthorityCertSerialNumber() != null
                    && !aki.getAuthorityCertSerialNumber().equals(issuer.getSerialNumber())) {
                return false;
            }
            if (aki.getAuthorityCertIssuer() != null && !namesIssuerOf(aki.getAuthorityCertIssuer(), issuer)) {
                return false;
            }
            byte[] keyId = aki.getKeyIdentifier();
            if (keyId == null) {
                return true;
            }
            byte[] skiExtension = issuer.getExtensionValue(SUBJECT_KEY_ID);
            if (skiExtension == null) {
                return !strict;
            }
            byte[] ski = SubjectKeyIdentifier.getInstance(
                            ASN1OctetString.getInstance(skiExtension).getOctets())
                    .getKeyIdentifier();
            return Arrays.equals(keyId, ski);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException | java.io.IOException e) {
            return false;
        }
    }

    /** Whether the names are exactly one directory name, equal to the issuer certificate's issuer. */
    private static boolean namesIssuerOf(GeneralNames names, X509Certificate issuer) throws java.io.IOException {
        GeneralName[] all = names.getNames();
        if (all.length != 1 || all[0].getTagNo() != GeneralName.directoryName) {
            return false;
        }
        X500Principal named =
                new X500Principal(all[0].getName().toASN1Primitive().getEncoded());
        return named.equals(issuer.getIssuerX500Principal());
    }

    /** For tests: how many CA-to-issuer links are remembered. */
    int rememberedLinks() {
        return caChecks.rememberedLinks();
    }
}
