package dev.certgate.internal.ops;

import dev.certgate.internal.facts.ClientCertificate;
import dev.certgate.internal.facts.RequestFacts;
import dev.certgate.internal.policy.Decision;
import dev.certgate.internal.policy.HostMatch;
import dev.certgate.internal.policy.Policy;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.FieldType;
import dev.certgate.internal.rules.FieldValues;
import dev.certgate.internal.rules.IpAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Test this certificate": what the running policy makes of a pasted chain for a request to a
 * host and path. The chain is verified and checked for revocation by the host group's own
 * resolver, the certificate fields are those of the CLI's {@code cert}, and the rules are the
 * group's, evaluated by the same compiled expressions as a request — without caching, counting or
 * events, so a test leaves no trace in the metrics.
 */
final class CertificatePreview {
    static final int MAX_PEM_CHARS = 64 * 1024;

    /** One rule as evaluated for the test. */
    record RuleResult(String id, String action, boolean matched, String expression) {}

    /**
     * @param error  why nothing was evaluated (unreadable PEM), else null
     * @param fields every certificate field with its value (as {@code cert} prints them)
     */
    record Result(
            String error,
            String host,
            String group,
            String path,
            String method,
            boolean verified,
            String verifyError,
            String revocation,
            String decision,
            String decidingRule,
            List<RuleResult> rules,
            Map<String, Object> fields) {
        static Result failed(String error) {
            return new Result(error, "", "", "", "", false, "", "", "", "", List.of(), Map.of());
        }
    }

    private CertificatePreview() {}

    static Result run(
            Policy policy,
            HttpServletRequest original,
            String pem,
            String host,
            String path,
            String method,
            Instant now) {
        if (pem == null || pem.isBlank()) {
            return Result.failed("paste a certificate (PEM), the client's own first");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            return Result.failed("at most " + MAX_PEM_CHARS + " characters of PEM");
        }
        X509Certificate[] chain;
        try {
            chain = parse(pem);
        } catch (CertificateException | RuntimeException e) {
            return Result.failed("not a readable certificate (expected PEM): " + e.getMessage());
        }
        if (chain.length == 0) {
            return Result.failed("no certificate found in the pasted text");
        }
        String requestPath = path == null || path.isBlank() ? "/" : path.strip();
        String requestMethod = method == null || method.isBlank() ? "GET" : method.strip();
        HostMatch match = policy.matchRequestHost(host == null ? "" : host.strip());
        ClientCertificate cert = match.group().certificates() == null
                ? ClientCertificate.NONE
                : match.group().certificates().preview(chain, now);
        PreviewRequest request =
                new PreviewRequest(original, host == null ? "" : host.strip(), requestPath, requestMethod);
        FieldValues values = new Values(new RequestFacts(request, "", match.host(), null, now), cert);
        List<RuleResult> rules = new ArrayList<>();
        Decision d = policy.preview(
                match.group(),
                values,
                (rule, matched) -> rules.add(new RuleResult(
                        rule.id(),
                        rule.reportOnly() && rule.action().configName().equals("block")
                                ? "block (report-only)"
                                : rule.action().configName(),
                        matched,
                        rule.expression().source())));
        String decision = d.blocked() ? "blocked" : d.rule() != null ? "allowed" : "passed";
        if (!d.blocked() && policy.reportOnly()) {
            decision += " (report-only policy)";
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Field f : Field.values()) {
            if (f.certificateField()) {
                fields.put(
                        f.fieldName(),
                        f.type() == FieldType.BOOL
                                ? (Object) cert.bool(f)
                                : f.type() == FieldType.BYTES_ARRAY ? (Object) cert.array(f) : cert.bytes(f));
            }
        }
        return new Result(
                null,
                match.host(),
                match.group().id(),
                requestPath,
                requestMethod,
                cert.verified(),
                cert.presented() ? cert.verifyError() : "",
                cert.revocationStatus(),
                decision,
                d.rule() == null ? "" : d.rule().id(),
                List.copyOf(rules),
                fields);
    }

    private static X509Certificate[] parse(String pem) throws CertificateException {
        Collection<? extends java.security.cert.Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
        return certs.stream().map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
    }

    /** Request fields from the test request, certificate fields from the pasted chain. */
    private record Values(RequestFacts request, ClientCertificate cert) implements FieldValues {
        @Override
        public boolean bool(Field field) {
            return field.source() == Field.Source.REQUEST ? request.bool(field) : cert.bool(field);
        }

        @Override
        public long integer(Field field) {
            return request.integer(field);
        }

        @Override
        public String bytes(Field field) {
            return field.source() == Field.Source.REQUEST ? request.bytes(field) : cert.bytes(field);
        }

        @Override
        public IpAddress ip(Field field) {
            return request.ip(field);
        }

        @Override
        public List<String> array(Field field) {
            return field.source() == Field.Source.REQUEST ? request.array(field) : cert.array(field);
        }

        @Override
        public Map<String, List<String>> map(Field field) {
            return request.map(field);
        }

        @Override
        public List<List<String>> arrays(Field field) {
            return request.arrays(field);
        }

        @Override
        public List<Map<String, List<String>>> maps(Field field) {
            return request.maps(field);
        }
    }

    /** The request the test describes: the operator's connection, the given host, method and path, no other headers. */
    private static final class PreviewRequest extends HttpServletRequestWrapper {
        private final String host;
        private final String path;
        private final String method;

        PreviewRequest(HttpServletRequest request, String host, String path, String method) {
            super(request);
            this.host = host;
            this.path = path;
            this.method = method;
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getRequestURI() {
            return path;
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(getScheme()).append("://").append(host).append(path);
        }

        @Override
        public String getServletPath() {
            return path;
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getQueryString() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return name.equalsIgnoreCase("Host") ? host : null;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return name.equalsIgnoreCase("Host")
                    ? Collections.enumeration(List.of(host))
                    : Collections.emptyEnumeration();
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(List.of("host"));
        }

        @Override
        public Object getAttribute(String name) {
            return name.equals(RequestFacts.CERTIFICATE_ATTRIBUTE) ? null : super.getAttribute(name);
        }
    }
}
