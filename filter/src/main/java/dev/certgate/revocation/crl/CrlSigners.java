package dev.certgate.revocation.crl;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;

/**
 * The certificates trusted to sign CRLs: the trust anchors, configured signer certificates, and
 * the issuers seen in verified paths (an intermediate CA is often known only from the client's
 * chain). Bounded, so clients can't grow it without end.
 */
final class CrlSigners {

    private static final int MAX_LEARNED = 1024;

    private final List<X509Certificate> configured;
    private final Set<X509Certificate> learned = ConcurrentHashMap.newKeySet();
    /** The last issuer offered: the same object again costs one reference compare. */
    private volatile X509Certificate lastOffered;

    CrlSigners(List<X509Certificate> configured) {
        this.configured = List.copyOf(configured);
    }

    /** Remembers an issuer from a verified path; true when it was new. */
    boolean learn(X509Certificate issuer) {
        if (issuer == lastOffered) {
            return false;
        }
        lastOffered = issuer;
        if (configured.contains(issuer) || learned.size() >= MAX_LEARNED) {
            return false;
        }
        return learned.add(issuer);
    }

    /** The configured signers (the trust anchors among them). */
    List<X509Certificate> configured() {
        return configured;
    }

    /** Candidates named issuer, configured ones first. */
    List<X509Certificate> named(X500Principal issuer) {
        List<X509Certificate> out = new ArrayList<>();
        for (X509Certificate cert : configured) {
            if (cert.getSubjectX500Principal().equals(issuer)) {
                out.add(cert);
            }
        }
        for (X509Certificate cert : learned) {
            if (cert.getSubjectX500Principal().equals(issuer)) {
                out.add(cert);
            }
        }
        return out;
    }
}
