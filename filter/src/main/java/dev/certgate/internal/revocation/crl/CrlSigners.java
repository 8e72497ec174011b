package dev.certgate.internal.revocation.crl;

import dev.certgate.internal.revocation.WorkingKeys;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may sign the CRLs of one host group, and the validated path of each signer (RFC 5280
 * §6.3.3 (f)). Only the trust anchors are trusted. Every other candidate — a {@code crl.signers}
 * certificate, a CLI {@code --intermediate}, a CA learned from a verified client path — is
 * untrusted and counts only through a PKIX path (the JDK's {@code CertPathBuilder}, revocation off
 * at that step: the checker checks the signer path's status itself) to one of the anchors.
 *
 * <p>Learned CAs are kept per anchor (a CA learned under one anchor never helps a CRL answer for
 * another), dropped once expired, and bounded: past {@link #MAX_LEARNED} the least recently
 * learned goes, with a warning, instead of new CAs silently not being learned.
 */
final class CrlSigners {

    static final int MAX_LEARNED = 1024;
    private static final System.Logger LOG = System.getLogger(CrlSigners.class.getName());

    private final List<X509Certificate> anchors;
    private final List<X509Certificate> configured;
    /** Guarded by itself; insertion order = learning order, the eldest is evicted first. */
    private final LinkedHashMap<X509Certificate, X509Certificate> learnedToAnchor = new LinkedHashMap<>();
    /** The last path offered: the same cached path again costs one reference compare. */
    private volatile List<X509Certificate> lastPath;

    private long evicted;
    /** Guarded by itself: which anchor issued a path's last certificate, for paths not ending at one. */
    private final Map<X509Certificate, X509Certificate> issuedBy = new java.util.HashMap<>();

    CrlSigners(List<X509Certificate> anchors, List<X509Certificate> configured) {
        this.anchors = List.copyOf(anchors);
        this.configured = List.copyOf(configured);
    }

    List<X509Certificate> anchors() {
        return anchors;
    }

    /** The trust anchors and the configured signer candidates (for expiry warnings). */
    List<X509Certificate> configured() {
        List<X509Certificate> all = new ArrayList<>(anchors);
        all.addAll(configured);
        return all;
    }

    /** The anchor among ours equal to cert, or null; by reference first (the usual case). */
    X509Certificate anchor(X509Certificate cert) {
        for (X509Certificate anchor : anchors) {
            if (anchor == cert) {
                return anchor;
            }
        }
        for (X509Certificate anchor : anchors) {
            if (anchor.equals(cert)) {
                return anchor;
            }
        }
        return null;
    }

    /**
     * The trust anchor that issued top, for a path that does not end at an anchor itself (the
     * container verified the chain, {@code certgate.verification=container}, and the client left
     * the root out): an anchor named as top's issuer whose key verifies top's signature. Memoised
     * (bounded); null when none.
     */
    X509Certificate anchorAbove(X509Certificate top) {
        synchronized (issuedBy) {
            X509Certificate known = issuedBy.get(top);
            if (known != null || issuedBy.containsKey(top)) {
                return known;
            }
        }
        X509Certificate found = null;
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
                try {
                    top.verify(anchor.getPublicKey());
                    found = anchor;
                    break;
                } catch (java.security.GeneralSecurityException | RuntimeException e) {
                    // another anchor with that name may have signed it
                }
            }
        }
        synchronized (issuedBy) {
            if (issuedBy.size() >= 256) {
                issuedBy.clear();
            }
            issuedBy.put(top, found);
        }
        return found;
    }

    /**
     * Remembers the CA certificates of a verified path (leaf first) under anchor, the trust
     * anchor the path ends at (or that issued its last certificate); true when one was new, so
     * waiting CRLs should try again.
     */
    boolean learn(List<X509Certificate> path, X509Certificate anchor, Instant now) {
        if (path == lastPath || path.size() < 2 || onlyAnchorAbove(path, anchor)) {
            return false;
        }
        lastPath = path;
        boolean learnedOne = false;
        synchronized (learnedToAnchor) {
            for (int i = 1; i < path.size(); i++) {
                X509Certificate ca = path.get(i);
                if (ca == anchor || configured.contains(ca) || learnedToAnchor.containsKey(ca) || anchor.equals(ca)) {
                    continue;
                }
                dropExpired(now);
                if (learnedToAnchor.size() >= MAX_LEARNED) {
                    Iterator<X509Certificate> eldest = learnedToAnchor.keySet().iterator();
                    X509Certificate gone = eldest.next();
                    eldest.remove();
                    if (evicted++ % 100 == 0) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "more than {0} CA certificates learned from client paths: forgot {1}"
                                        + " ({2} forgotten so far); list the CAs whose CRLs you use in crl.signers",
                                MAX_LEARNED,
                                gone.getSubjectX500Principal().getName(),
                                evicted);
                    }
                }
                learnedToAnchor.put(ca, anchor);
                learnedOne = true;
                LOG.log(
                        System.Logger.Level.INFO,
                        "CRL signer candidate learned from a verified path: {0} under {1} ({2} learned)",
                        ca.getSubjectX500Principal().getName(),
                        anchor.getSubjectX500Principal().getName(),
                        learnedToAnchor.size());
            }
        }
        return learnedOne;
    }

    /** A leaf directly under its anchor (the usual short path): nothing to learn, no lock, no write. */
    private static boolean onlyAnchorAbove(List<X509Certificate> path, X509Certificate anchor) {
        for (int i = 1; i < path.size(); i++) {
            if (path.get(i) != anchor) {
                return false;
            }
        }
        return true;
    }

    /** How many CA certificates are learned now (for status and tests). */
    int learnedCount() {
        synchronized (learnedToAnchor) {
            return learnedToAnchor.size();
        }
    }

    /** The anchor a learned CA came under, or null. */
    X509Certificate learnedAnchorOf(X509Certificate ca) {
        synchronized (learnedToAnchor) {
            return learnedToAnchor.get(ca);
        }
    }

    private void dropExpired(Instant now) {
        Date at = Date.from(now);
        learnedToAnchor.keySet().removeIf(c -> c.getNotAfter().before(at));
    }

    /**
     * Every validated path of a signer of crl: at most one per anchor, the signature checked with
     * the path's working key. Empty when no candidate builds a path and verifies the signature.
     */
    List<SignerPath> signerPaths(ParsedCrl crl, Instant now) {
        List<SignerPath> out = new ArrayList<>();
        for (X509Certificate anchor : anchors) {
            SignerPath path = signerPath(crl, anchor, now);
            if (path != null) {
                out.add(path);
            }
        }
        return out;
    }

    /** Whether any certificate we know (trusted or not) is named as crl's issuer. */
    boolean anyNamed(ParsedCrl crl) {
        for (X509Certificate c : candidates(null, true)) {
            if (c.getSubjectX500Principal().equals(crl.issuer())) {
                return true;
            }
        }
        return false;
    }

    private SignerPath signerPath(ParsedCrl crl, X509Certificate anchor, Instant now) {
        // The anchor itself signed it (the usual case for a root's CRL): no path to build.
        if (CrlVerifier.mayHaveSigned(crl, anchor) && CrlVerifier.signatureValid(crl, anchor.getPublicKey())) {
            return new SignerPath(anchor, List.of(), anchor.getPublicKey(), Long.MAX_VALUE);
        }
        List<X509Certificate> store = candidates(anchor, false);
        for (X509Certificate candidate : store) {
            if (!CrlVerifier.mayHaveSigned(crl, candidate)) {
                continue;
            }
            List<X509Certificate> certs = build(candidate, anchor, store, now);
            if (certs == null) {
                continue;
            }
            List<X509Certificate> full = new ArrayList<>(certs);
            full.add(anchor);
            java.security.PublicKey key = WorkingKeys.of(full, 0);
            if (CrlVerifier.signatureValid(crl, key)) {
                long notAfter = Long.MAX_VALUE;
                for (X509Certificate c : certs) {
                    notAfter = Math.min(notAfter, c.getNotAfter().toInstant().getEpochSecond());
                }
                return new SignerPath(anchor, List.copyOf(certs), key, notAfter);
            }
        }
        return null;
    }

    /** Configured candidates, then those learned under anchor (all learned ones when anchor is null). */
    private List<X509Certificate> candidates(X509Certificate anchor, boolean withAnchors) {
        List<X509Certificate> out = new ArrayList<>(configured);
        if (withAnchors) {
            out.addAll(anchors);
        }
        synchronized (learnedToAnchor) {
            for (Map.Entry<X509Certificate, X509Certificate> e : learnedToAnchor.entrySet()) {
                if (anchor == null || e.getValue() == anchor) {
                    out.add(e.getKey());
                }
            }
        }
        return out;
    }

    /** The path from target up to (not including) anchor, validated at now; null when none. */
    private static List<X509Certificate> build(
            X509Certificate target, X509Certificate anchor, List<X509Certificate> store, Instant now) {
        try {
            X509CertSelector selector = new X509CertSelector();
            selector.setCertificate(target);
            PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)), selector);
            params.setRevocationEnabled(false); // the checker checks the signer path's status itself
            params.setDate(Date.from(now));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult)
                    CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : result.getCertPath().getCertificates()) {
                certs.add((X509Certificate) c);
            }
            return certs.isEmpty() ? null : certs;
        } catch (CertPathBuilderException
                | InvalidAlgorithmParameterException
                | NoSuchAlgorithmException
                | RuntimeException e) {
            return null;
        }
    }
}
