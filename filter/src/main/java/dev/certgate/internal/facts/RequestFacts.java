package dev.certgate.internal.facts;

import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.FieldValues;
import dev.certgate.internal.rules.IpAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The fields of one request, each computed on first read: a rule that reads only
 * {@code http.host} and {@code cert_verified} never formats a DN or walks the headers.
 * One instance per request and thread; not thread-safe.
 */
public final class RequestFacts implements FieldValues, Supplier<RuleResults> {
    /** The attribute under which containers put the client chain (leaf first). */
    public static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    /** Stands for "the chain in {@link #CERTIFICATE_ATTRIBUTE}", read only when a rule needs it. */
    public static final X509Certificate[] CONTAINER_CHAIN = new X509Certificate[0];

    private final HttpServletRequest request;
    private final String contextPath;
    private final String host;
    private final ClientCertificateResolver resolver;
    private final Instant now;
    /** {@link #CONTAINER_CHAIN}, a chain forwarded by a trusted proxy, or null for none. */
    private final X509Certificate[] chain;
    /** The client address reported by trusted proxies, or null for the socket peer. */
    private final String clientAddress;
    /**
     * How each field is read: {@link #CACHED} for a request field computed once per request and kept
     * in {@link #values}, {@link #UNCACHED} for a request field read afresh each time,
     * {@link #CERTIFICATE} for the fields {@link ClientCertificate} answers (kept per chain by
     * {@link CertificateFacts}, so a request keeps only what it computes itself).
     */
    private static final byte[] KIND = new byte[Field.values().length];

    private static final byte CACHED = 0;
    private static final byte UNCACHED = 1;
    private static final byte CERTIFICATE = 2;

    static {
        for (Field f : Field.values()) {
            KIND[f.ordinal()] = f.source() != Field.Source.REQUEST
                    ? CERTIFICATE
                    : RequestFields.UNCACHED.contains(f) ? UNCACHED : CACHED;
        }
    }

    /** Field/value pairs {@link #values} starts with room for; a request's rules read a handful. */
    private static final int FIRST_CAPACITY = 8;

    /** A keep-alive client sends many requests from one address: parse it once, not per request. */
    private static final RecentValues<IpAddress> ADDRESSES = new RecentValues<>(64, 64, RequestFacts::parseAddress);

    /**
     * The computed request values: an open-addressed table of (field, value) pairs, probed from the
     * field's ordinal, created on the first value (many requests need none) and doubled when
     * three-quarters full. A request reads a few of the ~50 request fields, so this is a fraction
     * of the size of one slot per field (which was the largest allocation of a 20-rule request).
     */
    private Object[] values;

    private ClientCertificate clientCertificate;

    /**
     * @param contextPath the context path of the application certgate runs in (fixed for its life,
     *                    so read once rather than per request)
     */
    public RequestFacts(
            HttpServletRequest request,
            String contextPath,
            String normalizedHost,
            ClientCertificateResolver resolver,
            Instant now) {
        this(request, contextPath, normalizedHost, resolver, now, CONTAINER_CHAIN, null);
    }

    /**
     * @param chain         the client chain decided before the rules: {@link #CONTAINER_CHAIN}, a
     *                      forwarded one, or null for none
     * @param clientAddress {@code ip.src} as text when trusted proxies report it, else null (the peer)
     */
    public RequestFacts(
            HttpServletRequest request,
            String contextPath,
            String normalizedHost,
            ClientCertificateResolver resolver,
            Instant now,
            X509Certificate[] chain,
            String clientAddress) {
        this.chain = chain;
        this.clientAddress = clientAddress;
        this.request = request;
        this.contextPath = contextPath == null ? "" : contextPath;
        this.host = normalizedHost;
        this.resolver = resolver;
        this.now = now;
    }

    public HttpServletRequest request() {
        return request;
    }

    /** The client certificate as seen by this request's host group (verified lazily, once per chain). */
    public ClientCertificate clientCertificate() {
        ClientCertificate c = clientCertificate;
        if (c == null) {
            c = resolver == null
                    ? ClientCertificate.NONE
                    : resolver.resolve(chain == CONTAINER_CHAIN ? presentedChain(request) : chain, now);
            clientCertificate = c;
        }
        return c;
    }

    /**
     * The remembered results of certificate-only rules for this request's chain (null without a
     * certificate): what {@code Policy.evaluate} is given, resolving the chain only when asked.
     */
    public RuleResults chainRuleResults() {
        return clientCertificate().ruleResults();
    }

    /**
     * {@link #chainRuleResults()}: the facts are their own supplier for {@code Policy.evaluate}, so
     * a request allocates no method reference for it.
     */
    @Override
    public RuleResults get() {
        return chainRuleResults();
    }

    /** The chain the container exposes, or null when the client sent none. */
    public static X509Certificate[] presentedChain(HttpServletRequest request) {
        Object attribute = request.getAttribute(CERTIFICATE_ATTRIBUTE);
        return attribute instanceof X509Certificate[] chain && chain.length > 0 ? chain : null;
    }

    @Override
    public boolean bool(Field field) {
        return KIND[field.ordinal()] == CERTIFICATE ? clientCertificate().bool(field) : value(field) == Boolean.TRUE;
    }

    @Override
    public long integer(Field field) {
        Object v = value(field);
        return v == null ? 0 : (Long) v;
    }

    @Override
    public String bytes(Field field) {
        return (String) value(field);
    }

    @Override
    public IpAddress ip(Field field) {
        return (IpAddress) value(field);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> array(Field field) {
        return (List<String>) value(field);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, List<String>> map(Field field) {
        return (Map<String, List<String>>) value(field);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<List<String>> arrays(Field field) {
        return (List<List<String>>) value(field);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Map<String, List<String>>> maps(Field field) {
        return (List<Map<String, List<String>>>) value(field);
    }

    /** The field's value: from this request's table (computed on first read) or the client certificate. */
    private Object value(Field field) {
        byte kind = KIND[field.ordinal()];
        if (kind == CERTIFICATE) {
            return clientCertificate().value(field);
        }
        if (kind == UNCACHED) {
            return RequestFields.BINDINGS.value(field, this);
        }
        Object[] table = values;
        if (table != null) {
            int mask = (table.length >> 1) - 1;
            for (int i = field.ordinal() & mask; table[2 * i] != null; i = (i + 1) & mask) {
                if (table[2 * i] == field) {
                    return table[2 * i + 1];
                }
            }
        }
        Object computed = RequestFields.BINDINGS.value(field, this);
        if (computed != null) {
            remember(field, computed); // null is computed again if read again, as before
        }
        return computed;
    }

    /**
     * Files a computed value (the table may have been created or grown while it was computed). The
     * pairs are counted here rather than kept in a field: a handful of inserts per request scan a
     * small table, and every request saves the field.
     */
    private void remember(Field field, Object value) {
        Object[] table = values;
        if (table == null) {
            values = table = new Object[2 * FIRST_CAPACITY];
        } else if (4 * (pairs(table) + 1) > 3 * (table.length >> 1)) {
            Object[] old = table;
            values = table = new Object[2 * old.length];
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != null) {
                    insert(table, (Field) old[i], old[i + 1]);
                }
            }
        }
        insert(table, field, value);
    }

    private static int pairs(Object[] table) {
        int n = 0;
        for (int i = 0; i < table.length; i += 2) {
            if (table[i] != null) {
                n++;
            }
        }
        return n;
    }

    private static void insert(Object[] table, Field field, Object value) {
        int mask = (table.length >> 1) - 1;
        int i = field.ordinal() & mask;
        while (table[2 * i] != null && table[2 * i] != field) {
            i = (i + 1) & mask;
        }
        table[2 * i] = field;
        table[2 * i + 1] = value;
    }

    String host() {
        return host;
    }

    /** The buffered body prefix; empty unless the filter wrapped the request for a rule that reads the body. */
    RequestBody body() {
        return request instanceof BodyReplayRequest replay ? replay.body() : RequestBody.NONE;
    }

    Instant now() {
        return now;
    }

    /** The standard attribute with the TLS cipher suite (JSSE/IANA name). */
    static final String CIPHER_SUITE_ATTRIBUTE = "jakarta.servlet.request.cipher_suite";
    /** Where containers put the TLS protocol version: Servlet 6.1's attribute, then Tomcat's own. */
    private static final String[] PROTOCOL_ATTRIBUTES = {
        "jakarta.servlet.request.secure_protocol", "org.apache.tomcat.util.net.secure_protocol_version"
    };

    String attributeText(String name) {
        Object v = request.getAttribute(name);
        return v == null ? "" : v.toString();
    }

    /**
     * {@code TLSv1.3} and so on, as JSSE and Cloudflare spell it: from the container's protocol
     * attribute, else from the TLS session Jetty exposes, else from the cipher suite when it
     * belongs to one version only; empty without TLS or when nothing tells.
     */
    String tlsVersion() {
        if (!request.isSecure()) {
            return "";
        }
        for (String name : PROTOCOL_ATTRIBUTES) {
            String v = attributeText(name);
            if (!v.isEmpty()) {
                return v;
            }
        }
        javax.net.ssl.SSLSession session = TlsSessions.of(request.getAttribute(TlsSessions.JETTY_ATTRIBUTE));
        if (session != null && session.getProtocol() != null) {
            return session.getProtocol();
        }
        return TlsSessions.versionOfSuite(attributeText(CIPHER_SUITE_ATTRIBUTE));
    }

    /** Every value of one header, in order. */
    List<String> headerValues(String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        while (values.hasMoreElements()) {
            out.add(values.nextElement());
        }
        return out;
    }

    /**
     * {@code ip.src} (the trusted proxies' report, else the peer), read without keeping it among this
     * request's values: for callers outside the rules (decision events) that must not allocate.
     */
    public IpAddress remoteAddress() {
        String remoteAddr = clientAddress != null ? clientAddress : request.getRemoteAddr();
        return remoteAddr == null ? null : ADDRESSES.get(remoteAddr);
    }

    /**
     * The path the container dispatches on: context path, servlet path and path info, which the
     * container has already decoded and normalised (dot segments resolved, {@code ;} parameters gone).
     */
    String canonicalPath() {
        String context = contextPath;
        String servlet = nullToEmpty(request.getServletPath());
        String info = nullToEmpty(request.getPathInfo());
        // Usually one part carries the whole path (a root context): no concatenation then.
        String path = context.isEmpty() && servlet.isEmpty()
                ? info
                : context.isEmpty() && info.isEmpty() ? servlet : context + servlet + info;
        return path.isEmpty() ? "/" : path;
    }

    String withQuery(String path) {
        String query = request.getQueryString();
        return query == null ? path : path + "?" + query;
    }

    String joinedHeader(String name, String separator) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return "";
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder sb = new StringBuilder(first);
        while (values.hasMoreElements()) {
            sb.append(separator).append(values.nextElement());
        }
        return sb.toString();
    }

    Map<String, List<String>> headerMap() {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            List<String> list = byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            Enumeration<String> values = request.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                list.add(values.nextElement());
            }
        }
        byName.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(byName);
    }

    List<String> headerNamesAndValues(boolean names) {
        List<String> out = new ArrayList<>();
        Enumeration<String> headerNames = request.getHeaderNames();
        while (headerNames != null && headerNames.hasMoreElements()) {
            String name = headerNames.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                String value = values.nextElement();
                out.add(names ? name : value);
            }
        }
        return Collections.unmodifiableList(out);
    }

    static String httpVersion(String protocol) {
        if (protocol == null) {
            return "";
        }
        return switch (protocol) {
            case "HTTP/2.0" -> "HTTP/2";
            case "HTTP/3.0" -> "HTTP/3";
            default -> protocol;
        };
    }

    static IpAddress parseAddress(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.isEmpty()) {
            return null;
        }
        String text = remoteAddr.startsWith("[") && remoteAddr.endsWith("]")
                ? remoteAddr.substring(1, remoteAddr.length() - 1)
                : remoteAddr;
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        try {
            return IpAddress.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String nullToEmpty(String s) {
        return RequestFields.nullToEmpty(s);
    }
}
