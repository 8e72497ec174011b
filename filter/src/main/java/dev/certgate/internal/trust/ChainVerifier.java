package dev.certgate.internal.trust;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PKIX path validation of a client chain against one host's trust anchors, plus fitness for client
 * authentication. Only the configured anchors are trusted: the certificates the client sent serve
 * to build the path, never to end it. Revocation is not checked here (see the revocation package).
 *
 * <p>A chain sent in issuer order up to an anchor, within {@link DirectPath}'s scope, is validated
 * there (one signature verification per new leaf); every other chain, and every chain the direct
 * path does not accept, goes through the JDK's PKIX {@code CertPathBuilder}, which gives the
 * verdict and the reason.
 */
public final class ChainVerifier {
    private static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String EKU_ANY = "2.5.29.37.0";
    private static final int KU_DIGITAL_SIGNATURE = 0;

    private final TrustAnchors anchors;
    private final Set<TrustAnchor> pkixAnchors;
    private final Set<X509Certificate> anchorCertificates;
    private final DirectPath directPath;

    public ChainVerifier(TrustAnchors anchors) {
        this.anchors = anchors;
        this.pkixAnchors = new HashSet<>();
        for (X509Certificate cert : anchors.certificates()) {
            pkixAnchors.add(new TrustAnchor(cert, null));
        }
        this.anchorCertificates = Set.copyOf(anchors.certificates());
        this.directPath = new DirectPath(anchors.certificates());
    }

    public TrustAnchors anchors() {
        return anchors;
    }

    /** Verifies {@code chain} (leaf first, as the client sent it) at {@code now}. Never throws. */
    public Verification verify(X509Certificate[] chain, Instant now) {
        return verify(chain, List.of(), now);
    }

    /**
     * Verifies {@code chain} at {@code now}, with {@code intermediates} as further (untrusted)
     * certificates for path building. Never throws.
     */
    public Verification verify(X509Certificate[] chain, List<X509Certificate> intermediates, Instant now) {
        if (chain == null || chain.length == 0 || chain[0] == null) {
            return Verification.NOT_PRESENTED;
        }
        if (pkixAnchors.isEmpty()) {
            return Verification.failed("no trust anchor configured for this host");
        }
        X509Certificate leaf = chain[0];
        Date at = Date.from(now);
        try {
            leaf.checkValidity(at);
        } catch (CertificateExpiredException e) {
            return Verification.failed("certificate has expired");
        } catch (CertificateNotYetValidException e) {
            return Verification.failed("certificate is not yet valid");
        }
        String purposeProblem = clientAuthProblem(leaf);
        if (purposeProblem != null) {
            return Verification.failed(purposeProblem);
        }
        try {
            List<X509Certificate> direct = directPath.validate(chain, at);
            if (direct != null) {
                return new Verification(true, "", direct);
            }
        } catch (RuntimeException e) {
            // a malformed certificate the direct path cannot read: PKIX will say what is wrong
        }
        try {
            return new Verification(true, "", buildPath(chain, intermediates, now));
        } catch (CertPathBuilderException e) {
            return Verification.failed(describe(e, chain, now));
        } catch (GeneralSecurityException | RuntimeException e) {
            // Not a verdict on the certificate but a failure of the validator: keep it for the logs.
            return Verification.failed(
                    "chain could not be validated: " + e.getClass().getSimpleName(), e);
        }
    }

    private List<X509Certificate> buildPath(X509Certificate[] chain, List<X509Certificate> intermediates, Instant now)
            throws GeneralSecurityException {
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(chain[0]);
        PKIXBuilderParameters params;
        try {
            params = new PKIXBuilderParameters(pkixAnchors, target);
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException(e);
        }
        params.setRevocationEnabled(false);
        params.setDate(Date.from(now));
        List<X509Certificate> supplied = new ArrayList<>(Arrays.asList(chain));
        supplied.addAll(intermediates);
        supplied.removeIf(c -> c == null);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(supplied)));
        PKIXCertPathBuilderResult result =
                (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
        List<X509Certificate> path = new ArrayList<>();
        for (java.security.cert.Certificate c : result.getCertPath().getCertificates()) {
            path.add((X509Certificate) c);
        }
        X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
        // A leaf that is itself an anchor yields an empty CertPath.
        if (path.isEmpty() || !path.get(path.size() - 1).equals(anchor)) {
            path.add(anchor);
        }
        return List.copyOf(path);
    }

    /** The direct path alone: the validated path, or null when it leaves the chain to PKIX. */
    List<X509Certificate> directPathOnly(X509Certificate[] chain, Instant now) {
        return directPath.validate(chain, Date.from(now));
    }

    /** Why the leaf may not authenticate a TLS client, or null when it may. */
    static String clientAuthProblem(X509Certificate leaf) {
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && !eku.contains(EKU_CLIENT_AUTH) && !eku.contains(EKU_ANY)) {
                return "unsuitable certificate purpose: extended key usage does not allow clientAuth";
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return "unsuitable certificate purpose: unreadable extended key usage";
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && (ku.length <= KU_DIGITAL_SIGNATURE || !ku[KU_DIGITAL_SIGNATURE])) {
            return "unsuitable certificate purpose: key usage does not allow digitalSignature";
        }
        return null;
    }

    private String describe(CertPathBuilderException e, X509Certificate[] chain, Instant now) {
        // The builder says little; look for the usual causes ourselves.
        for (X509Certificate c : chain) {
            if (c == null) {
                continue;
            }
            if (c.getNotAfter().toInstant().isBefore(now)) {
                return "certificate in the chain has expired: "
                        + c.getSubjectX500Principal().getName();
            }
            if (c.getNotBefore().toInstant().isAfter(now)) {
                return "certificate in the chain is not yet valid: "
                        + c.getSubjectX500Principal().getName();
            }
        }
        if (anchorCertificates.contains(chain[0])) {
            return "certificate is a trust anchor, not a client certificate";
        }
        return "unable to get local issuer certificate: no path to a trust anchor of this host";
    }
}
