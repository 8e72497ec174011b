package dev.certgate.internal.facts;

import static dev.certgate.internal.rules.Field.Source.CHAIN;
import static dev.certgate.internal.rules.Field.Source.REVOCATION;
import static dev.certgate.internal.rules.Field.Source.TRUST;

import dev.certgate.internal.rules.Field;

/**
 * Where each certificate field's value comes from: one table per {@link Field.Source}. Chain
 * fields read the presented certificate (and take their empty value when none was presented),
 * trust fields the verification outcome, revocation fields the revocation answer.
 */
final class CertificateFields {
    private CertificateFields() {}

    static final Bindings<CertificateFacts> FROM_CHAIN = Bindings.<CertificateFacts>of(CHAIN)
            .bind(Field.CERT_PRESENTED, c -> Boolean.TRUE)
            .bind(Field.CERT_ISSUER_DN, CertificateFacts::issuerDn)
            .bind(Field.CERT_SUBJECT_DN, CertificateFacts::subjectDn)
            .bind(Field.CERT_ISSUER_DN_RFC2253, CertificateFacts::issuerDn)
            .bind(Field.CERT_SUBJECT_DN_RFC2253, CertificateFacts::subjectDn)
            .bind(Field.CERT_ISSUER_DN_LEGACY, CertificateFacts::issuerDnLegacy)
            .bind(Field.CERT_SUBJECT_DN_LEGACY, CertificateFacts::subjectDnLegacy)
            .bind(Field.CERT_SERIAL, CertificateFacts::serial)
            .bind(Field.CERT_ISSUER_SERIAL, CertificateFacts::issuerSerial)
            .bind(Field.CERT_FINGERPRINT_SHA256, CertificateFacts::fingerprintSha256)
            .bind(Field.CERT_FINGERPRINT_SHA1, CertificateFacts::fingerprintSha1)
            .bind(Field.CERT_NOT_BEFORE, CertificateFacts::notBefore)
            .bind(Field.CERT_NOT_AFTER, CertificateFacts::notAfter)
            .bind(Field.CERT_SKI, CertificateFacts::ski)
            .bind(Field.CERT_ISSUER_SKI, CertificateFacts::issuerSki)
            .bind(Field.CERT_RFC9440, CertificateFacts::rfc9440)
            .bind(Field.CERT_RFC9440_TOO_LARGE, CertificateFacts::rfc9440TooLarge)
            .bind(Field.CERT_CHAIN_RFC9440, CertificateFacts::chainRfc9440)
            .bind(Field.CERT_CHAIN_RFC9440_TOO_LARGE, CertificateFacts::chainRfc9440TooLarge)
            .bind(Field.CERTGATE_SAN_DNS, c -> c.subjectAltNames().dns())
            .bind(Field.CERTGATE_SAN_URI, c -> c.subjectAltNames().uri())
            .bind(Field.CERTGATE_SAN_EMAIL, c -> c.subjectAltNames().email())
            .bind(Field.CERTGATE_SAN_IP, c -> c.subjectAltNames().ip())
            .complete();

    static final Bindings<ClientCertificate> FROM_TRUST = Bindings.<ClientCertificate>of(TRUST)
            .bind(Field.CERT_VERIFIED, ClientCertificate::verified)
            .bind(Field.CERTGATE_VERIFY_ERROR, c -> c.presented() ? c.verifyError() : "")
            .complete();

    static final Bindings<ClientCertificate> FROM_REVOCATION = Bindings.<ClientCertificate>of(REVOCATION)
            .bind(Field.CERT_REVOKED, ClientCertificate::revoked)
            .bind(Field.CERTGATE_REVOCATION_STATUS, ClientCertificate::revocationStatus)
            .complete();

    /** The value of a certificate field for this client certificate. */
    static Object value(Field field, ClientCertificate cert) {
        return switch (field.source()) {
            case CHAIN -> cert.facts() == null ? Bindings.absent(field.type()) : FROM_CHAIN.value(field, cert.facts());
            case TRUST -> FROM_TRUST.value(field, cert);
            case REVOCATION -> FROM_REVOCATION.value(field, cert);
            case REQUEST -> throw new IllegalArgumentException(field.fieldName() + " is not a certificate field");
        };
    }
}
