package dev.certgate.facts;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import dev.certgate.rules.Field;
import dev.certgate.rules.FieldValues;
import dev.certgate.rules.IpAddress;

/**
 * The fields of one request, each computed on first read: a rule that reads only
 * {@code http.host} and {@code cert_verified} never formats a DN or walks the headers.
 * One instance per request and thread; not thread-safe.
 */
public final class RequestFacts implements FieldValues {
    /** The attribute under which containers put the client chain (leaf first). */
    public static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final HttpServletRequest request;
    private final String contextPath;
    private final String host;
    private final ClientCertificateResolver resolver;
    private final Instant now;
    /**
     * Slot of each request-derived field in {@link #values}, or -1: certificate fields are kept per
     * chain by {@link CertificateFacts}, so a request keeps only what it computes itself.
     */
    private static final int[] SLOT = new int[Field.values().length];
    private static final int SLOTS;

    static {
        Arrays.fill(SLOT, -1);
        int n = 0;
        for (Field f : new Field[] {Field.HTTP_REQUEST_URI_PATH, Field.HTTP_REQUEST_URI_QUERY,
                Field.RAW_HTTP_REQUEST_URI_QUERY, Field.HTTP_REQUEST_URI, Field.HTTP_REQUEST_FULL_URI,
                Field.RAW_HTTP_REQUEST_URI_PATH, Field.RAW_HTTP_REQUEST_URI, Field.RAW_HTTP_REQUEST_FULL_URI,
                Field.HTTP_REQUEST_METHOD, Field.HTTP_REQUEST_VERSION, Field.HTTP_USER_AGENT, Field.HTTP_REFERER,
                Field.HTTP_COOKIE, Field.IP_SRC, Field.HTTP_REQUEST_HEADERS_NAMES, Field.HTTP_REQUEST_HEADERS_VALUES}) {
            SLOT[f.ordinal()] = n++;
        }
        SLOTS = n;
    }

    /** A keep-alive client sends many requests from one address: parse it once, not per request. */
    private static final RecentValues<IpAddress> ADDRESSES = new RecentValues<>(64, 64, RequestFacts::parseAddress);

    /** Computed request values by {@link #SLOT}; created on the first one, as many requests need none. */
    private Object[] values;
    private ClientCertificate clientCertificate;
    private Map<String, List<String>> headers;

    /**
     * @param contextPath the context path of the application certgate runs in (fixed for its life,
     *                    so read once rather than per request)
     */
    public RequestFacts(HttpServletRequest request, String contextPath, String normalizedHost,
                        ClientCertificateResolver resolver, Instant now) {
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
            c = resolver == null ? ClientCertificate.NONE : resolver.resolve(presentedChain(request), now);
            clientCertificate = c;
        }
        return c;
    }

    /** The chain the container exposes, or null when the client sent none. */
    public static X509Certificate[] presentedChain(HttpServletRequest request) {
        Object attribute = request.getAttribute(CERTIFICATE_ATTRIBUTE);
        return attribute instanceof X509Certificate[] chain && chain.length > 0 ? chain : null;
    }

    @Override
    public boolean bool(Field field) {
        if (field == Field.SSL) {
            return request.isSecure();
        }
        return clientCertificate().bool(field);
    }

    @Override
    public long integer(Field field) {
        return 0;
    }

    @Override
    public String bytes(Field field) {
        if (field == Field.HTTP_HOST) {
            return host;
        }
        if (SLOT[field.ordinal()] < 0) {
            return clientCertificate().bytes(field);
        }
        Object cached = cached(field);
        if (cached == null) {
            cached = computeBytes(field);
            remember(field, cached);
        }
        return (String) cached;
    }

    @Override
    public IpAddress ip(Field field) {
        Object cached = cached(field);
        if (cached == null && field == Field.IP_SRC) {
            String remoteAddr = request.getRemoteAddr();
            cached = remoteAddr == null ? null : ADDRESSES.get(remoteAddr);
            remember(field, cached);
        }
        return (IpAddress) cached;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> array(Field field) {
        if (SLOT[field.ordinal()] < 0) {
            return clientCertificate().array(field);
        }
        Object cached = cached(field);
        if (cached == null) {
            cached = headerNamesAndValues(field == Field.HTTP_REQUEST_HEADERS_NAMES);
            remember(field, cached);
        }
        return (List<String>) cached;
    }

    private Object cached(Field field) {
        Object[] v = values;
        int slot = SLOT[field.ordinal()];
        return v == null || slot < 0 ? null : v[slot];
    }

    private void remember(Field field, Object value) {
        int slot = SLOT[field.ordinal()];
        if (slot < 0) {
            return;
        }
        Object[] v = values;
        if (v == null) {
            values = v = new Object[SLOTS];
        }
        v[slot] = value;
    }

    @Override
    public Map<String, List<String>> map(Field field) {
        return field == Field.HTTP_REQUEST_HEADERS ? headers() : Map.of();
    }

    private String computeBytes(Field field) {
        switch (field) {
            case HTTP_REQUEST_URI_PATH:
                return canonicalPath();
            case HTTP_REQUEST_URI_QUERY:
            case RAW_HTTP_REQUEST_URI_QUERY:
                return nullToEmpty(request.getQueryString());
            case HTTP_REQUEST_URI:
                return withQuery(canonicalPath());
            case HTTP_REQUEST_FULL_URI:
                return request.getScheme() + "://" + host + withQuery(canonicalPath());
            case RAW_HTTP_REQUEST_URI_PATH:
                return nullToEmpty(request.getRequestURI());
            case RAW_HTTP_REQUEST_URI:
                return withQuery(nullToEmpty(request.getRequestURI()));
            case RAW_HTTP_REQUEST_FULL_URI:
                return request.getScheme() + "://" + nullToEmpty(request.getHeader("Host"))
                        + withQuery(nullToEmpty(request.getRequestURI()));
            case HTTP_REQUEST_METHOD:
                return nullToEmpty(request.getMethod()).toUpperCase(Locale.ROOT);
            case HTTP_REQUEST_VERSION:
                return httpVersion(request.getProtocol());
            case HTTP_USER_AGENT:
                return joinedHeader("User-Agent", ", ");
            case HTTP_REFERER:
                return joinedHeader("Referer", ", ");
            case HTTP_COOKIE:
                return joinedHeader("Cookie", "; ");
            default:
                return clientCertificate().bytes(field);
        }
    }

    /**
     * The path the container dispatches on: context path, servlet path and path info, which the
     * container has already decoded and normalised (dot segments resolved, {@code ;} parameters gone).
     */
    private String canonicalPath() {
        String context = contextPath;
        String servlet = nullToEmpty(request.getServletPath());
        String info = nullToEmpty(request.getPathInfo());
        // Usually one part carries the whole path (a root context): no concatenation then.
        String path = context.isEmpty() && servlet.isEmpty() ? info
                : context.isEmpty() && info.isEmpty() ? servlet
                : context + servlet + info;
        return path.isEmpty() ? "/" : path;
    }

    private String withQuery(String path) {
        String query = request.getQueryString();
        return query == null ? path : path + "?" + query;
    }

    private String joinedHeader(String name, String separator) {
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

    private Map<String, List<String>> headers() {
        Map<String, List<String>> h = headers;
        if (h == null) {
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
            headers = h = Collections.unmodifiableMap(byName);
        }
        return h;
    }

    private List<String> headerNamesAndValues(boolean names) {
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
                ? remoteAddr.substring(1, remoteAddr.length() - 1) : remoteAddr;
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
        return s == null ? "" : s;
    }
}
