package dev.certgate.internal.trust;

import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The reference verdicts: the JDK's own PKIX implementation, called directly (not through
 * certgate's code), plus the client-authentication purpose check that certgate applies on top of
 * PKIX whichever way the path was validated.
 */
final class JdkPkix {
    private JdkPkix() {}

    /** The JDK PKIX builder's verdict on a presented chain (any order, extra certificates allowed). */
    static boolean builderAccepts(X509Certificate[] presented, List<X509Certificate> anchors, Instant at) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(presented[0]);
            PKIXBuilderParameters params = new PKIXBuilderParameters(trustAnchors(anchors), target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            List<X509Certificate> store = new ArrayList<>(Arrays.asList(presented));
            store.removeIf(Objects::isNull);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
            CertPathBuilder.getInstance("PKIX").build(params);
        } catch (Exception e) {
            return false;
        }
        return ChainVerifier.clientAuthProblem(presented[0]) == null;
    }

    /**
     * The JDK PKIX validator's verdict on an ordered path, leaf first, without its anchor (as
     * {@code CertPathValidator} takes it).
     */
    static boolean validatorAccepts(
            List<X509Certificate> pathWithoutAnchor, List<X509Certificate> anchors, Instant at) {
        try {
            PKIXParameters params = new PKIXParameters(trustAnchors(anchors));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(pathWithoutAnchor), params);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Set<TrustAnchor> trustAnchors(List<X509Certificate> anchors) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate a : anchors) {
            set.add(new TrustAnchor(a, null));
        }
        return set;
    }
}
