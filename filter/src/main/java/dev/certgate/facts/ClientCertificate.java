package dev.certgate.facts;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.certgate.revocation.RevocationPolicy;
import dev.certgate.revocation.RevocationResult;
import dev.certgate.rules.Field;
import dev.certgate.trust.Verification;

/**
 * What one request's client certificate means for one host: presented, verified (against the
 * host's anchors), revoked (asked only when a rule reads it), and the certificate's fields.
 * Maps to Cloudflare's {@code cf.tls_client_auth.*} and certgate's {@code certgate.tls_client_auth.*}.
 */
public final class ClientCertificate {
    /** No certificate was presented: every field takes its default. */
    public static final ClientCertificate NONE =
            new ClientCertificate(null, Verification.NOT_PRESENTED, RevocationPolicy.none(), Instant.EPOCH);

    private final RevocationMemo memo;
    private final RuleResults ruleResults;

    private final CertificateFacts facts;
    private final Verification verification;
    private final RevocationPolicy revocationPolicy;
    private final Instant now;
    private RevocationResult revocation; // per request, so no sharing across threads

    public ClientCertificate(CertificateFacts facts, Verification verification, RevocationPolicy revocationPolicy,
                             Instant now) {
        this(facts, verification, revocationPolicy, now, null, null);
    }

    /**
     * With what is kept per cached chain: its revocation answer, shared for a moment, and the
     * results of the certificate-only rules.
     */
    ClientCertificate(CertificateFacts facts, Verification verification, RevocationPolicy revocationPolicy,
                      Instant now, RevocationMemo memo, RuleResults ruleResults) {
        this.memo = memo;
        this.ruleResults = ruleResults;
        this.facts = facts;
        this.verification = verification;
        this.revocationPolicy = revocationPolicy;
        this.now = now;
    }

    /** The remembered results of certificate-only rules for this chain, or null when there is no cached chain. */
    public RuleResults ruleResults() {
        return ruleResults;
    }

    public boolean presented() {
        return facts != null;
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
        return facts;
    }

    /** The revocation outcome; asked of the host's checkers only for a verified chain. */
    public RevocationResult revocation() {
        RevocationResult r = revocation;
        if (r == null) {
            if (!verification.verified()) {
                r = null;
            } else if (memo != null && revocationPolicy.enabled()) {
                r = memo.check(revocationPolicy, verification.path(), now);
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

    public boolean bool(Field field) {
        switch (field) {
            case CERT_PRESENTED:
                return presented();
            case CERT_VERIFIED:
                return verified();
            case CERT_REVOKED:
                return revoked();
            case CERT_RFC9440_TOO_LARGE:
                return facts != null && facts.rfc9440TooLarge();
            case CERT_CHAIN_RFC9440_TOO_LARGE:
                return facts != null && facts.chainRfc9440TooLarge();
            default:
                return false;
        }
    }

    public String bytes(Field field) {
        if (field == Field.CERTGATE_REVOCATION_STATUS) {
            return revocationStatus();
        }
        if (field == Field.CERTGATE_VERIFY_ERROR) {
            return presented() ? verifyError() : "";
        }
        if (facts == null) {
            return "";
        }
        switch (field) {
            case CERT_ISSUER_DN:
            case CERT_ISSUER_DN_RFC2253:
                return facts.issuerDn();
            case CERT_SUBJECT_DN:
            case CERT_SUBJECT_DN_RFC2253:
                return facts.subjectDn();
            case CERT_ISSUER_DN_LEGACY:
                return facts.issuerDnLegacy();
            case CERT_SUBJECT_DN_LEGACY:
                return facts.subjectDnLegacy();
            case CERT_SERIAL:
                return facts.serial();
            case CERT_ISSUER_SERIAL:
                return facts.issuerSerial();
            case CERT_FINGERPRINT_SHA256:
                return facts.fingerprintSha256();
            case CERT_FINGERPRINT_SHA1:
                return facts.fingerprintSha1();
            case CERT_NOT_BEFORE:
                return facts.notBefore();
            case CERT_NOT_AFTER:
                return facts.notAfter();
            case CERT_SKI:
                return facts.ski();
            case CERT_ISSUER_SKI:
                return facts.issuerSki();
            case CERT_RFC9440:
                return facts.rfc9440();
            case CERT_CHAIN_RFC9440:
                return facts.chainRfc9440();
            default:
                return "";
        }
    }

    public List<String> array(Field field) {
        if (facts == null) {
            return List.of();
        }
        CertificateFacts.SubjectAltNames sans = facts.subjectAltNames();
        switch (field) {
            case CERTGATE_SAN_DNS:
                return sans.dns();
            case CERTGATE_SAN_URI:
                return sans.uri();
            case CERTGATE_SAN_EMAIL:
                return sans.email();
            case CERTGATE_SAN_IP:
                return sans.ip();
            default:
                return List.of();
        }
    }
}
