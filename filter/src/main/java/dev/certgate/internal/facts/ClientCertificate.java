package dev.certgate.internal.facts;

import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.revocation.RevocationResult;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.trust.Verification;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What one request's client certificate means for one host: presented, verified (against the
 * host's anchors), revoked (asked only when a rule reads it), and the certificate's fields.
 * Maps to Cloudflare's {@code cf.tls_client_auth.*} and certgate's {@code certgate.tls_client_auth.*}.
 */
public final class ClientCertificate {
    /** No certificate was presented: every field takes its default. */
    public static final ClientCertificate NONE =
            new ClientCertificate(CachedChain.NONE, Verification.NOT_PRESENTED, RevocationPolicy.none(), Instant.EPOCH);

    private final CachedChain chain;
    private final Verification verification;
    private final RevocationPolicy revocationPolicy;
    private final Instant now;
    /**
     * Asked once per instance. An instance is per request, except when the group checks no
     * revocation (then one per cached chain, see {@link CachedChain}): the answer is then always
     * the same constant, so a racy write of it is harmless.
     */
    private RevocationResult revocation;

    /** A certificate outside the verification cache (previews, the CLI): nothing is remembered. */
    public ClientCertificate(
            CertificateFacts facts, Verification verification, RevocationPolicy revocationPolicy, Instant now) {
        this(CachedChain.uncached(facts), verification, revocationPolicy, now);
    }

    /** With what is kept per cached chain: its revocation answer and certificate-only rule results. */
    ClientCertificate(CachedChain chain, Verification verification, RevocationPolicy revocationPolicy, Instant now) {
        this.chain = chain;
        this.verification = verification;
        this.revocationPolicy = revocationPolicy;
        this.now = now;
    }

    /** The remembered results of certificate-only rules for this chain, or null when there is no cached chain. */
    public RuleResults ruleResults() {
        return chain.rules();
    }

    public boolean presented() {
        return chain.facts() != null;
    }

    public boolean verified() {
        return verification.verified();
    }

    /** Empty when verified; otherwise why not. */
    public String verifyError() {
        return verification.error();
    }

    public Verification verification() {
        return verification;
    }

    /** The certificate's fields, or null when none was presented. */
    public CertificateFacts facts() {
        return chain.facts();
    }

    /** The revocation outcome; asked of the host's checkers only for a verified chain. */
    public RevocationResult revocation() {
        RevocationResult r = revocation;
        if (r == null) {
            if (!verification.verified()) {
                r = null;
            } else if (chain.revocation() != null && revocationPolicy.enabled()) {
                r = chain.revocation().check(revocationPolicy, verification.path(), now);
            } else {
                r = revocationPolicy.check(verification.path(), now);
            }
            revocation = r;
        }
        return r;
    }

    /** The revocation outcome if this request already asked for it, else null (never starts a check). */
    public RevocationResult revocationIfChecked() {
        return revocation;
    }

    /** Cloudflare's meaning: a verified certificate that is revoked (or unknown under hard-fail). */
    public boolean revoked() {
        RevocationResult r = revocation();
        return r != null && r.revoked();
    }

    /** {@code good}, {@code revoked}, {@code unknown} or {@code unchecked}. */
    public String revocationStatus() {
        RevocationResult r = revocation();
        return r == null ? "unchecked" : r.status().name().toLowerCase(Locale.ROOT);
    }

    /** A certificate field's value, as bound in {@link CertificateFields}. */
    public Object value(Field field) {
        return CertificateFields.value(field, this);
    }

    /**
     * The two trust verdicts, read on almost every request, are answered directly: through the
     * binding table they cost a megamorphic call. Every other Boolean goes through the table
     * ({@code ClientCertificateTest} checks both ways agree for every field).
     */
    public boolean bool(Field field) {
        if (field == Field.CERT_VERIFIED) {
            return verified();
        }
        if (field == Field.CERT_REVOKED) {
            return revoked();
        }
        return value(field) == Boolean.TRUE;
    }

    public String bytes(Field field) {
        return (String) value(field);
    }

    @SuppressWarnings("unchecked")
    public List<String> array(Field field) {
        return (List<String>) value(field);
    }
}
