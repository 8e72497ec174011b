package dev.certgate.internal.revocation.crl;

import dev.certgate.revocation.RevocationChecker;
import dev.certgate.revocation.RevocationReason;
import dev.certgate.revocation.RevocationStatus;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CRL-based checker following RFC 5280 §6.3.3. The request path reads the CRLs already loaded
 * and verified: for each distribution point of the certificate (and the implicit one of its
 * issuer), each complete CRL in scope, current, signed under the certificate's own trust anchor
 * by a signer whose path is not revoked, is looked up (its delta first), until a listing decides
 * or the covered reasons add up to all of them. Only the first certificate naming a new, allowed
 * CRL distribution point waits for its download.
 */
final class CrlChecker implements RevocationChecker {

    /** How deep signer paths may nest (a CRL signer whose CRL has its own signer, ...). */
    static final int MAX_SIGNER_DEPTH = 3;

    private static final int REMOVE_FROM_CRL = RevocationReason.REMOVE_FROM_CRL.code();

    private final CrlSettings settings;
    private final CrlSigners signers;
    private final CrlSource[] configured;
    private final ConcurrentHashMap<URI, CrlSource> fetched = new ConcurrentHashMap<>();
    private volatile CrlSource[] all;
    private final CertViews views = new CertViews();
    private final AtomicLong generation;
    private volatile long freshestScannedAt = -1;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final long skew;
    private final long grace;

    CrlChecker(
            CrlSettings settings,
            CrlSigners signers,
            List<CrlSource> configured,
            AtomicLong generation,
            ScheduledExecutorService scheduler,
            Clock clock) {
        this.settings = settings;
        this.signers = signers;
        this.configured = configured.toArray(new CrlSource[0]);
        this.all = this.configured;
        this.generation = generation;
        this.scheduler = scheduler;
        this.clock = clock;
        this.skew = settings.clockSkew().getSeconds();
        this.grace = settings.grace().getSeconds();
    }

    /** Without the path: the anchor is issuer itself, or the one issuer was learned under. */
    @Override
    public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant now) {
        X509Certificate anchor = signers.anchor(issuer);
        if (anchor == null) {
            anchor = signers.learnedAnchorOf(issuer);
        }
        if (anchor == null) {
            return RevocationStatus.unknown(
                    "the trust anchor above " + issuer.getSubjectX500Principal().getName()
                            + " is not known: the CRL checker needs the validated path");
        }
        return status(certificate, issuer, null, anchor, now, 0, null);
    }

    @Override
    public RevocationStatus check(List<X509Certificate> path, int index, Instant now) {
        X509Certificate top = path.get(path.size() - 1);
        X509Certificate anchor = signers.anchor(top);
        if (anchor == null && (anchor = signers.anchorAbove(top)) == null) {
            return RevocationStatus.unknown("the path does not lead to a trust anchor of this host");
        }
        if (signers.learn(path, anchor, now)) {
            for (CrlSource source : all) {
                source.retryPending();
            }
        }
        return status(path.get(index), path.get(index + 1), path, anchor, now, 0, null);
    }

    /**
     * RFC 5280 §6.3.3 for cert under anchor. path (may be null) is cert's validated path: CAs on it
     * that also sign CRLs are checked by the policy's own scope, not again here.
     */
    private RevocationStatus status(
            X509Certificate cert,
            X509Certificate issuer,
            List<X509Certificate> path,
            X509Certificate anchor,
            Instant now,
            int depth,
            List<VerifiedCrl> visiting) {
        if (depth > MAX_SIGNER_DEPTH) {
            return RevocationStatus.unknown("CRL signer paths nest deeper than " + MAX_SIGNER_DEPTH);
        }
        CertView view = views.of(cert);
        CrlSource[] sources = sourcesFor(view);
        long at = now.getEpochSecond();
        int reasonsMask = 0; // §6.3.3: reasons_mask starts empty, cert_status UNREVOKED
        for (DistributionPoints.Point point : view.points) {
            for (CrlSource source : sources) {
                VerifiedCrl crl = source.current();
                if (crl == null || crl.delta()) {
                    continue; // (a): a delta CRL is only ever applied on top of its complete CRL
                }
                // (b), (d): scope of the complete CRL for this point, and its interim reasons mask.
                int interim = CrlScope.interimReasons(crl, point, view);
                // (e): a CRL adding no reason to those already covered is not needed.
                if ((interim & ~reasonsMask) == 0) {
                    continue;
                }
                // (a) currency, (f) signer path to the same anchor and its status, (g) signature (at load).
                if (!usable(crl, anchor, at, issuer, path, now, depth, visiting)) {
                    continue;
                }
                // (c): the newest current delta CRL of the same scope, if one is published.
                VerifiedCrl delta = deltaFor(crl, sources, anchor, at, issuer, path, now, depth, visiting);
                if (delta == null && staleDeltaOf(crl, sources, at)) {
                    continue; // local policy: a base whose delta is out of date is not complete
                }
                // (i) the delta first, (j) then the complete CRL.
                VerifiedCrl listedIn = null;
                int row = delta == null ? -1 : delta.index.find(view.serial, view.issuer);
                if (row >= 0) {
                    listedIn = delta;
                } else {
                    row = crl.index.find(view.serial, view.issuer);
                    if (row >= 0) {
                        listedIn = crl;
                    }
                }
                // (k): removeFromCRL (a certificate released from hold) means UNREVOKED.
                if (listedIn != null && listedIn.index.reasonCode(row) != REMOVE_FROM_CRL) {
                    int code = listedIn.index.reasonCode(row);
                    RevocationReason reason =
                            code == CrlIndex.NO_REASON ? RevocationReason.UNSPECIFIED : RevocationReason.ofCode(code);
                    // certificateHold is REVOKED too: the certificate must not be accepted while on hold.
                    return RevocationStatus.revoked(
                            reason, Instant.ofEpochSecond(listedIn.index.revocationEpochSecond(row)), listedIn.label);
                }
                // (l): the reasons this CRL covered are now covered.
                reasonsMask |= interim;
                if (reasonsMask == DistributionPoints.ALL_REASONS) {
                    return crl.good;
                }
            }
        }
        return RevocationStatus.unknown(
                explain(view, sources, anchor, now, issuer, path, depth, visiting, reasonsMask));
    }

    /**
     * RFC 5280 §6.3.3 (a), (f): the CRL is current, was signed under anchor (the certificate's own
     * trust anchor), its signer path has not expired, and no certificate of that path is revoked.
     */
    private boolean usable(
            VerifiedCrl crl,
            X509Certificate anchor,
            long at,
            X509Certificate issuer,
            List<X509Certificate> path,
            Instant now,
            int depth,
            List<VerifiedCrl> visiting) {
        if (!crl.fresh(at, skew, grace)) {
            return false;
        }
        SignerPath signer = crl.signerFor(anchor);
        if (signer == null || at > signer.notAfterEpochSecond()) {
            return false;
        }
        return signer.signedByAnchor() || signerPathProblem(crl, signer, issuer, path, now, depth, visiting) == null;
    }

    /** Why the signer path of crl is not good enough, or null when it is. */
    private String signerPathProblem(
            VerifiedCrl crl,
            SignerPath signer,
            X509Certificate issuer,
            List<X509Certificate> path,
            Instant now,
            int depth,
            List<VerifiedCrl> visiting) {
        if (visiting != null && visiting.contains(crl)) {
            // Cycle guard: a CRL does not vouch for its own signer's certificate — except a CA's
            // self-issued key-rollover certificates (§5.2.1): they are keys of that CA, whose
            // compromise already compromises everything the CRL speaks for.
            return selfIssuedCaKeys(signer) ? null : crl.label + " would vouch for its own signer";
        }
        RevocationStatus[] statuses = null;
        for (int i = 0; i < signer.certs().size(); i++) {
            X509Certificate c = signer.certs().get(i);
            if (inPath(c, issuer, path)) {
                continue; // a CA of the certificate's own path: the policy's scope decides whether it is checked
            }
            if (statuses == null) {
                statuses = signerStatuses(crl, signer, now, depth, visiting);
            }
            if (!statuses[i].isGood()) {
                return "the CRL signer " + c.getSubjectX500Principal().getName() + " (serial "
                        + c.getSerialNumber().toString(16) + ") is " + statuses[i];
            }
        }
        return null;
    }

    /** The status of each certificate of the signer path, memoised for a second and per CRL generation. */
    private RevocationStatus[] signerStatuses(
            VerifiedCrl crl, SignerPath signer, Instant now, int depth, List<VerifiedCrl> visiting) {
        long gen = generation.get();
        long at = now.getEpochSecond();
        boolean memo = depth == 0;
        VerifiedCrl.SignerStatus known = crl.signerStatus;
        if (memo
                && known != null
                && known.generation() == gen
                && known.computedAtSecond() == at
                && known.statuses().length == signer.certs().size()) {
            return known.statuses();
        }
        List<VerifiedCrl> inside = new ArrayList<>(visiting == null ? List.of() : visiting);
        inside.add(crl);
        List<X509Certificate> full = new ArrayList<>(signer.certs());
        full.add(signer.anchor());
        RevocationStatus[] statuses = new RevocationStatus[signer.certs().size()];
        for (int i = 0; i < statuses.length; i++) {
            List<X509Certificate> above = full.subList(i, full.size());
            statuses[i] =
                    status(full.get(i), full.get(i + 1), List.copyOf(above), signer.anchor(), now, depth + 1, inside);
        }
        if (memo) {
            crl.signerStatus = new VerifiedCrl.SignerStatus(gen, at, statuses);
        }
        return statuses;
    }

    private static boolean selfIssuedCaKeys(SignerPath signer) {
        for (X509Certificate c : signer.certs()) {
            boolean[] keyUsage = c.getKeyUsage();
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())
                    || c.getBasicConstraints() < 0
                    || keyUsage != null && (keyUsage.length <= 5 || !keyUsage[5])) {
                return false;
            }
        }
        return true;
    }

    private static boolean inPath(X509Certificate c, X509Certificate issuer, List<X509Certificate> path) {
        if (path == null) {
            return c == issuer || c.equals(issuer);
        }
        for (int i = 1; i < path.size(); i++) {
            if (path.get(i) == c) {
                return true;
            }
        }
        for (int i = 1; i < path.size(); i++) {
            if (path.get(i).equals(c)) {
                return true;
            }
        }
        return false;
    }

    /** §6.3.3 (c): the newest usable delta CRL that applies on top of base, or null. */
    private VerifiedCrl deltaFor(
            VerifiedCrl base,
            CrlSource[] sources,
            X509Certificate anchor,
            long at,
            X509Certificate issuer,
            List<X509Certificate> path,
            Instant now,
            int depth,
            List<VerifiedCrl> visiting) {
        if (base.number == null) {
            return null;
        }
        VerifiedCrl best = null;
        for (CrlSource source : sources) {
            VerifiedCrl d = source.current();
            if (d != null
                    && d.delta()
                    && d.isDeltaOf(base)
                    && (best == null || d.number.compareTo(best.number) > 0)
                    && usable(d, anchor, at, issuer, path, now, depth, visiting)) {
                best = d;
            }
        }
        return best;
    }

    /** Whether a delta CRL for base is known but none of them is current. */
    private static boolean staleDeltaOf(VerifiedCrl base, CrlSource[] sources, long at) {
        if (base.number == null) {
            return false;
        }
        for (CrlSource source : sources) {
            VerifiedCrl d = source.current();
            if (d != null && d.delta() && d.isDeltaOf(base)) {
                return true; // deltaFor found none usable
            }
        }
        return false;
    }

    /** The UNKNOWN cause: what each CRL lacked. Off the fast path, so it may allocate. */
    private String explain(
            CertView view,
            CrlSource[] sources,
            X509Certificate anchor,
            Instant now,
            X509Certificate issuer,
            List<X509Certificate> path,
            int depth,
            List<VerifiedCrl> visiting,
            int reasonsMask) {
        Set<String> problems = new LinkedHashSet<>();
        long at = now.getEpochSecond();
        if (view.badDistributionPoints) {
            problems.add("the certificate's CRL distribution points are unreadable");
        }
        for (CrlSource source : sources) {
            VerifiedCrl crl = source.current();
            if (crl == null) {
                problems.add(source.problem());
                continue;
            }
            boolean related = crl.issuer.equals(view.issuer) || crl.indirect();
            if (crl.delta()) {
                if (related && !hasBase(crl, sources)) {
                    problems.add(
                            "a delta CRL (" + crl.source + ") without a matching complete CRL is never used alone");
                }
                continue;
            }
            String why = null;
            boolean applies = false;
            for (DistributionPoints.Point point : view.points) {
                String w = CrlScope.whyNot(crl, point, view);
                if (w == null) {
                    applies = true;
                    break;
                }
                why = why == null ? w : why;
            }
            if (!applies) {
                if (related) {
                    problems.add(crl.label + " does not apply: " + why);
                }
                continue;
            }
            String stale = crl.freshnessProblem(now, settings.clockSkew(), settings.grace());
            SignerPath signer = crl.signerFor(anchor);
            if (stale != null) {
                problems.add(stale);
            } else if (signer == null) {
                problems.add(crl.label
                        + " is signed under another trust anchor than the certificate's (RFC 5280 §6.3.3 (f))");
            } else if (at > signer.notAfterEpochSecond()) {
                problems.add(crl.label + ": its signer's certificate path has expired");
            } else if (!signer.signedByAnchor()
                    && signerPathProblem(crl, signer, issuer, path, now, depth, visiting) != null) {
                problems.add(crl.label + " is not usable: "
                        + signerPathProblem(crl, signer, issuer, path, now, depth, visiting));
            } else if (deltaFor(crl, sources, anchor, at, issuer, path, now, depth, visiting) == null
                    && staleDeltaOf(crl, sources, at)) {
                problems.add(crl.label + " is not complete: its delta CRL is not current");
            } else {
                problems.add(crl.label + " covers only some reasons");
            }
        }
        if (reasonsMask != 0) {
            problems.add("the CRLs in scope cover only some reasons");
        }
        if (problems.isEmpty()) {
            return "no CRL for issuer " + view.issuer.getName();
        }
        return String.join("; ", problems);
    }

    private static boolean hasBase(VerifiedCrl delta, CrlSource[] sources) {
        for (CrlSource source : sources) {
            VerifiedCrl crl = source.current();
            if (crl != null && !crl.delta() && delta.isDeltaOf(crl)) {
                return true;
            }
        }
        return false;
    }

    /** The configured sources, plus those fetched from allowed distribution points and freshestCRL. */
    private CrlSource[] sourcesFor(CertView view) {
        if (settings.cdpAllowedHosts().isEmpty()) {
            return configured;
        }
        for (URI uri : view.fetchable) {
            if (settings.cdpAllowed(uri)) {
                fetchedSource(uri);
            }
        }
        long gen = generation.get();
        if (freshestScannedAt != gen) {
            // §5.2.6: a complete CRL's freshestCRL names where its deltas are published.
            freshestScannedAt = gen;
            for (CrlSource source : all) {
                VerifiedCrl crl = source.current();
                if (crl != null) {
                    for (URI uri : crl.freshest) {
                        if (settings.cdpAllowed(uri)) {
                            fetchedSource(uri);
                        }
                    }
                }
            }
        }
        return all;
    }

    private void fetchedSource(URI uri) {
        CrlSource source = fetched.get(uri);
        if (source == null) {
            if (fetched.size() >= settings.cdpMaxSources()) {
                return;
            }
            boolean[] created = new boolean[1];
            source = fetched.computeIfAbsent(uri, u -> {
                created[0] = true;
                return new CrlSource(u, settings, signers, clock, generation);
            });
            if (created[0]) {
                synchronized (this) {
                    List<CrlSource> list = new ArrayList<>(List.of(all));
                    list.add(source);
                    all = list.toArray(new CrlSource[0]);
                }
            }
        }
        if (source.current() == null) {
            source.loadIfNeverTried();
            source.start(scheduler);
        }
    }

    /** How many CA certificates the checker has learned from verified paths. */
    int learnedSigners() {
        return signers.learnedCount();
    }

    @Override
    public List<X509Certificate> signers() {
        return signers.configured();
    }

    @Override
    public List<dev.certgate.revocation.RevocationSourceStatus> sources() {
        List<dev.certgate.revocation.RevocationSourceStatus> all = new java.util.ArrayList<>();
        for (CrlSource s : configured) {
            all.add(s.status());
        }
        for (CrlSource s : fetched.values()) {
            all.add(s.status());
        }
        return all;
    }

    @Override
    public void close() {
        for (CrlSource source : configured) {
            source.close();
        }
        fetched.values().forEach(CrlSource::close);
    }
}
