package dev.certgate.internal.rules;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The field scheme: every field an expression can read, with Cloudflare's name and type (plus
 * certgate's own extensions under the {@code certgate.} namespace) and where its value comes from.
 * Each {@link Source} binds the values of its fields in one place ({@code facts.RequestFields},
 * {@code facts.CertificateFields}); the sets other parts need (per-request slots, fields fixed
 * per cached chain, fields meaningless without a trust anchor, the CLI's certificate fields) are
 * derived from this table. Adding a field means one row here and one binding in its source.
 */
public enum Field {
    HTTP_HOST("http.host", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_URI("http.request.uri", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_URI_PATH("http.request.uri.path", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_URI_QUERY("http.request.uri.query", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_FULL_URI("http.request.full_uri", FieldType.BYTES, Source.REQUEST),
    RAW_HTTP_REQUEST_URI("raw.http.request.uri", FieldType.BYTES, Source.REQUEST),
    RAW_HTTP_REQUEST_URI_PATH("raw.http.request.uri.path", FieldType.BYTES, Source.REQUEST),
    RAW_HTTP_REQUEST_URI_QUERY("raw.http.request.uri.query", FieldType.BYTES, Source.REQUEST),
    RAW_HTTP_REQUEST_FULL_URI("raw.http.request.full_uri", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_METHOD("http.request.method", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_VERSION("http.request.version", FieldType.BYTES, Source.REQUEST),
    HTTP_USER_AGENT("http.user_agent", FieldType.BYTES, Source.REQUEST),
    HTTP_REFERER("http.referer", FieldType.BYTES, Source.REQUEST),
    HTTP_COOKIE("http.cookie", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_HEADERS("http.request.headers", FieldType.BYTES_ARRAY_MAP, Source.REQUEST),
    HTTP_REQUEST_HEADERS_NAMES("http.request.headers.names", FieldType.BYTES_ARRAY, Source.REQUEST),
    HTTP_REQUEST_HEADERS_VALUES("http.request.headers.values", FieldType.BYTES_ARRAY, Source.REQUEST),
    HTTP_REQUEST_HEADERS_TRUNCATED("http.request.headers.truncated", FieldType.BOOL, Source.REQUEST),
    HTTP_REQUEST_COOKIES("http.request.cookies", FieldType.BYTES_ARRAY_MAP, Source.REQUEST),
    HTTP_REQUEST_ACCEPTED_LANGUAGES("http.request.accepted_languages", FieldType.BYTES_ARRAY, Source.REQUEST),
    HTTP_X_FORWARDED_FOR("http.x_forwarded_for", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_URI_ARGS("http.request.uri.args", FieldType.BYTES_ARRAY_MAP, Source.REQUEST),
    HTTP_REQUEST_URI_ARGS_NAMES("http.request.uri.args.names", FieldType.BYTES_ARRAY, Source.REQUEST),
    HTTP_REQUEST_URI_ARGS_VALUES("http.request.uri.args.values", FieldType.BYTES_ARRAY, Source.REQUEST),
    RAW_HTTP_REQUEST_URI_ARGS("raw.http.request.uri.args", FieldType.BYTES_ARRAY_MAP, Source.REQUEST),
    RAW_HTTP_REQUEST_URI_ARGS_NAMES("raw.http.request.uri.args.names", FieldType.BYTES_ARRAY, Source.REQUEST),
    RAW_HTTP_REQUEST_URI_ARGS_VALUES("raw.http.request.uri.args.values", FieldType.BYTES_ARRAY, Source.REQUEST),
    HTTP_REQUEST_URI_PATH_EXTENSION("http.request.uri.path.extension", FieldType.BYTES, Source.REQUEST),
    RAW_HTTP_REQUEST_URI_PATH_EXTENSION("raw.http.request.uri.path.extension", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_TIMESTAMP_SEC("http.request.timestamp.sec", FieldType.INT, Source.REQUEST),
    HTTP_REQUEST_TIMESTAMP_MSEC("http.request.timestamp.msec", FieldType.INT, Source.REQUEST),
    HTTP_REQUEST_BODY_RAW("http.request.body.raw", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_BODY_SIZE("http.request.body.size", FieldType.INT, Source.REQUEST),
    HTTP_REQUEST_BODY_TRUNCATED("http.request.body.truncated", FieldType.BOOL, Source.REQUEST),
    HTTP_REQUEST_BODY_MIME("http.request.body.mime", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_BODY_FORM("http.request.body.form", FieldType.BYTES_ARRAY_MAP, Source.REQUEST),
    HTTP_REQUEST_BODY_FORM_NAMES("http.request.body.form.names", FieldType.BYTES_ARRAY, Source.REQUEST),
    HTTP_REQUEST_BODY_FORM_VALUES("http.request.body.form.values", FieldType.BYTES_ARRAY, Source.REQUEST),
    HTTP_REQUEST_BODY_MULTIPART("http.request.body.multipart", FieldType.BYTES_ARRAY_MAP, Source.REQUEST),
    HTTP_REQUEST_BODY_MULTIPART_NAMES("http.request.body.multipart.names", FieldType.BYTES_ARRAY_ARRAY, Source.REQUEST),
    HTTP_REQUEST_BODY_MULTIPART_VALUES("http.request.body.multipart.values", FieldType.BYTES_ARRAY, Source.REQUEST),
    HTTP_REQUEST_BODY_MULTIPART_HEADERS(
            "http.request.body.multipart.headers", FieldType.BYTES_ARRAY_MAP_ARRAY, Source.REQUEST),
    HTTP_REQUEST_BODY_MULTIPART_PREAMBLE("http.request.body.multipart.preamble", FieldType.BYTES, Source.REQUEST),
    HTTP_REQUEST_BODY_MULTIPART_EMPTY_PARTS_COUNT(
            "http.request.body.multipart.empty_parts_count", FieldType.INT, Source.REQUEST),
    HTTP_REQUEST_BODY_MULTIPART_FILENAMES(
            "http.request.body.multipart.filenames", FieldType.BYTES_ARRAY_ARRAY, Source.REQUEST),
    HTTP_REQUEST_BODY_MULTIPART_CONTENT_TYPES(
            "http.request.body.multipart.content_types", FieldType.BYTES_ARRAY_ARRAY, Source.REQUEST),
    HTTP_REQUEST_BODY_MULTIPART_CONTENT_DISPOSITIONS(
            "http.request.body.multipart.content_dispositions", FieldType.BYTES_ARRAY_ARRAY, Source.REQUEST),
    HTTP_REQUEST_BODY_MULTIPART_CONTENT_TRANSFER_ENCODINGS(
            "http.request.body.multipart.content_transfer_encodings", FieldType.BYTES_ARRAY_ARRAY, Source.REQUEST),
    IP_SRC("ip.src", FieldType.IP, Source.REQUEST),
    SSL("ssl", FieldType.BOOL, Source.REQUEST),
    CF_TLS_VERSION("cf.tls_version", FieldType.BYTES, Source.REQUEST),
    CF_TLS_CIPHER("cf.tls_cipher", FieldType.BYTES, Source.REQUEST),
    CF_EDGE_SERVER_PORT("cf.edge.server_port", FieldType.INT, Source.REQUEST),
    CF_EDGE_SERVER_IP("cf.edge.server_ip", FieldType.IP, Source.REQUEST),

    CERT_PRESENTED("cf.tls_client_auth.cert_presented", FieldType.BOOL, Source.CHAIN),
    CERT_VERIFIED("cf.tls_client_auth.cert_verified", FieldType.BOOL, Source.TRUST),
    CERT_REVOKED("cf.tls_client_auth.cert_revoked", FieldType.BOOL, Source.REVOCATION),
    CERT_ISSUER_DN("cf.tls_client_auth.cert_issuer_dn", FieldType.BYTES, Source.CHAIN),
    CERT_SUBJECT_DN("cf.tls_client_auth.cert_subject_dn", FieldType.BYTES, Source.CHAIN),
    CERT_ISSUER_DN_RFC2253("cf.tls_client_auth.cert_issuer_dn_rfc2253", FieldType.BYTES, Source.CHAIN),
    CERT_SUBJECT_DN_RFC2253("cf.tls_client_auth.cert_subject_dn_rfc2253", FieldType.BYTES, Source.CHAIN),
    CERT_ISSUER_DN_LEGACY("cf.tls_client_auth.cert_issuer_dn_legacy", FieldType.BYTES, Source.CHAIN),
    CERT_SUBJECT_DN_LEGACY("cf.tls_client_auth.cert_subject_dn_legacy", FieldType.BYTES, Source.CHAIN),
    CERT_SERIAL("cf.tls_client_auth.cert_serial", FieldType.BYTES, Source.CHAIN),
    CERT_ISSUER_SERIAL("cf.tls_client_auth.cert_issuer_serial", FieldType.BYTES, Source.CHAIN),
    CERT_FINGERPRINT_SHA256("cf.tls_client_auth.cert_fingerprint_sha256", FieldType.BYTES, Source.CHAIN),
    CERT_FINGERPRINT_SHA1("cf.tls_client_auth.cert_fingerprint_sha1", FieldType.BYTES, Source.CHAIN),
    CERT_NOT_BEFORE("cf.tls_client_auth.cert_not_before", FieldType.BYTES, Source.CHAIN),
    CERT_NOT_AFTER("cf.tls_client_auth.cert_not_after", FieldType.BYTES, Source.CHAIN),
    CERT_SKI("cf.tls_client_auth.cert_ski", FieldType.BYTES, Source.CHAIN),
    CERT_ISSUER_SKI("cf.tls_client_auth.cert_issuer_ski", FieldType.BYTES, Source.CHAIN),
    CERT_RFC9440("cf.tls_client_auth.cert_rfc9440", FieldType.BYTES, Source.CHAIN),
    CERT_RFC9440_TOO_LARGE("cf.tls_client_auth.cert_rfc9440_too_large", FieldType.BOOL, Source.CHAIN),
    CERT_CHAIN_RFC9440("cf.tls_client_auth.cert_chain_rfc9440", FieldType.BYTES, Source.CHAIN),
    CERT_CHAIN_RFC9440_TOO_LARGE("cf.tls_client_auth.cert_chain_rfc9440_too_large", FieldType.BOOL, Source.CHAIN),

    CERTGATE_REVOCATION_STATUS("certgate.tls_client_auth.revocation_status", FieldType.BYTES, Source.REVOCATION),
    CERTGATE_VERIFY_ERROR("certgate.tls_client_auth.verify_error", FieldType.BYTES, Source.TRUST),
    CERTGATE_SAN_DNS("certgate.tls_client_auth.san.dns", FieldType.BYTES_ARRAY, Source.CHAIN),
    CERTGATE_SAN_URI("certgate.tls_client_auth.san.uri", FieldType.BYTES_ARRAY, Source.CHAIN),
    CERTGATE_SAN_EMAIL("certgate.tls_client_auth.san.email", FieldType.BYTES_ARRAY, Source.CHAIN),
    CERTGATE_SAN_IP("certgate.tls_client_auth.san.ip", FieldType.BYTES_ARRAY, Source.CHAIN);

    /** Where a field's value comes from, which decides how long it stays the same. */
    public enum Source {
        /** The HTTP request: computed per request. */
        REQUEST,
        /** The presented certificate chain itself: fixed for as long as the chain is cached. */
        CHAIN,
        /** The chain's verification against the host's trust anchors: fixed per cached chain. */
        TRUST,
        /** The revocation answer (CRL, OCSP): follows their updates, so never remembered per chain. */
        REVOCATION
    }

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
    private final Source source;

    Field(String fieldName, FieldType type, Source source) {
        this.fieldName = fieldName;
        this.type = type;
        this.source = source;
    }

    /** The name as written in expressions, e.g. {@code cf.tls_client_auth.cert_verified}. */
    public String fieldName() {
        return fieldName;
    }

    public FieldType type() {
        return type;
    }

    public Source source() {
        return source;
    }

    /** Whether the value is read from the request body (opt-in: {@code certgate.request-body.enabled}). */
    public boolean bodyField() {
        return fieldName.startsWith("http.request.body.");
    }

    /** Whether the value describes the client certificate (every source but the request). */
    public boolean certificateField() {
        return source != Source.REQUEST;
    }

    /** Whether the value is the same on every request of one cached chain (and its verification). */
    public boolean chainConstant() {
        return source == Source.CHAIN || source == Source.TRUST;
    }

    /** Whether a test reading these fields gives one answer per cached chain (reading none is not enough). */
    public static boolean chainConstant(java.util.Set<Field> fields) {
        if (fields.isEmpty()) {
            return false;
        }
        for (Field f : fields) {
            if (!f.chainConstant()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the value is a trust verdict that no certificate can earn without a trust anchor:
     * the Boolean outcome of verification and every revocation answer (asked only of verified
     * chains). The verification's diagnostic text still explains a failure, so it is not one.
     */
    public boolean needsTrustAnchor() {
        return source == Source.REVOCATION || source == Source.TRUST && type == FieldType.BOOL;
    }

    /** The fields of one source, in table order. */
    public static Set<Field> of(Source source) {
        EnumSet<Field> out = EnumSet.noneOf(Field.class);
        for (Field f : values()) {
            if (f.source == source) {
                out.add(f);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** The field with this exact (case-sensitive) name, or {@code null}. */
    public static Field byName(String name) {
        return BY_NAME.get(name);
    }
}
