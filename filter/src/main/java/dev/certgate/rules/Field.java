package dev.certgate.rules;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Every field an expression can read: Cloudflare's names and types, plus certgate's own
 * extensions under the {@code certgate.} namespace. Enum order is the slot order.
 */
public enum Field {
    HTTP_HOST("http.host", FieldType.BYTES),
    HTTP_REQUEST_URI("http.request.uri", FieldType.BYTES),
    HTTP_REQUEST_URI_PATH("http.request.uri.path", FieldType.BYTES),
    HTTP_REQUEST_URI_QUERY("http.request.uri.query", FieldType.BYTES),
    HTTP_REQUEST_FULL_URI("http.request.full_uri", FieldType.BYTES),
    RAW_HTTP_REQUEST_URI("raw.http.request.uri", FieldType.BYTES),
    RAW_HTTP_REQUEST_URI_PATH("raw.http.request.uri.path", FieldType.BYTES),
    RAW_HTTP_REQUEST_URI_QUERY("raw.http.request.uri.query", FieldType.BYTES),
    RAW_HTTP_REQUEST_FULL_URI("raw.http.request.full_uri", FieldType.BYTES),
    HTTP_REQUEST_METHOD("http.request.method", FieldType.BYTES),
    HTTP_REQUEST_VERSION("http.request.version", FieldType.BYTES),
    HTTP_USER_AGENT("http.user_agent", FieldType.BYTES),
    HTTP_REFERER("http.referer", FieldType.BYTES),
    HTTP_COOKIE("http.cookie", FieldType.BYTES),
    HTTP_REQUEST_HEADERS("http.request.headers", FieldType.BYTES_ARRAY_MAP),
    HTTP_REQUEST_HEADERS_NAMES("http.request.headers.names", FieldType.BYTES_ARRAY),
    HTTP_REQUEST_HEADERS_VALUES("http.request.headers.values", FieldType.BYTES_ARRAY),
    IP_SRC("ip.src", FieldType.IP),
    SSL("ssl", FieldType.BOOL),

    CERT_PRESENTED("cf.tls_client_auth.cert_presented", FieldType.BOOL),
    CERT_VERIFIED("cf.tls_client_auth.cert_verified", FieldType.BOOL),
    CERT_REVOKED("cf.tls_client_auth.cert_revoked", FieldType.BOOL),
    CERT_ISSUER_DN("cf.tls_client_auth.cert_issuer_dn", FieldType.BYTES),
    CERT_SUBJECT_DN("cf.tls_client_auth.cert_subject_dn", FieldType.BYTES),
    CERT_ISSUER_DN_RFC2253("cf.tls_client_auth.cert_issuer_dn_rfc2253", FieldType.BYTES),
    CERT_SUBJECT_DN_RFC2253("cf.tls_client_auth.cert_subject_dn_rfc2253", FieldType.BYTES),
    CERT_ISSUER_DN_LEGACY("cf.tls_client_auth.cert_issuer_dn_legacy", FieldType.BYTES),
    CERT_SUBJECT_DN_LEGACY("cf.tls_client_auth.cert_subject_dn_legacy", FieldType.BYTES),
    CERT_SERIAL("cf.tls_client_auth.cert_serial", FieldType.BYTES),
    CERT_ISSUER_SERIAL("cf.tls_client_auth.cert_issuer_serial", FieldType.BYTES),
    CERT_FINGERPRINT_SHA256("cf.tls_client_auth.cert_fingerprint_sha256", FieldType.BYTES),
    CERT_FINGERPRINT_SHA1("cf.tls_client_auth.cert_fingerprint_sha1", FieldType.BYTES),
    CERT_NOT_BEFORE("cf.tls_client_auth.cert_not_before", FieldType.BYTES),
    CERT_NOT_AFTER("cf.tls_client_auth.cert_not_after", FieldType.BYTES),
    CERT_SKI("cf.tls_client_auth.cert_ski", FieldType.BYTES),
    CERT_ISSUER_SKI("cf.tls_client_auth.cert_issuer_ski", FieldType.BYTES),
    CERT_RFC9440("cf.tls_client_auth.cert_rfc9440", FieldType.BYTES),
    CERT_RFC9440_TOO_LARGE("cf.tls_client_auth.cert_rfc9440_too_large", FieldType.BOOL),
    CERT_CHAIN_RFC9440("cf.tls_client_auth.cert_chain_rfc9440", FieldType.BYTES),
    CERT_CHAIN_RFC9440_TOO_LARGE("cf.tls_client_auth.cert_chain_rfc9440_too_large", FieldType.BOOL),

    CERTGATE_REVOCATION_STATUS("certgate.tls_client_auth.revocation_status", FieldType.BYTES),
    CERTGATE_VERIFY_ERROR("certgate.tls_client_auth.verify_error", FieldType.BYTES),
    CERTGATE_SAN_DNS("certgate.tls_client_auth.san.dns", FieldType.BYTES_ARRAY),
    CERTGATE_SAN_URI("certgate.tls_client_auth.san.uri", FieldType.BYTES_ARRAY),
    CERTGATE_SAN_EMAIL("certgate.tls_client_auth.san.email", FieldType.BYTES_ARRAY),
    CERTGATE_SAN_IP("certgate.tls_client_auth.san.ip", FieldType.BYTES_ARRAY);

    private static final Map<String, Field> BY_NAME;

    static {
        Map<String, Field> byName = new HashMap<>();
        for (Field f : values()) {
            byName.put(f.fieldName, f);
        }
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private final String fieldName;
    private final FieldType type;

    Field(String fieldName, FieldType type) {
        this.fieldName = fieldName;
        this.type = type;
    }

    /** The name as written in expressions, e.g. {@code cf.tls_client_auth.cert_verified}. */
    public String fieldName() {
        return fieldName;
    }

    public FieldType type() {
        return type;
    }

    /** The field with this exact (case-sensitive) name, or {@code null}. */
    public static Field byName(String name) {
        return BY_NAME.get(name);
    }
}
