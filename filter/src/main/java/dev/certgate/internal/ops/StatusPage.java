package dev.certgate.internal.ops;

import dev.certgate.internal.facts.RequestFacts;
import dev.certgate.internal.policy.HostGroup;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * The status page (off by default), served by the filter itself under {@code certgate.status.path}
 * after the host's own rules let the request through, and only when {@code certgate.status.rule}
 * matches it (403 otherwise):
 * <ul>
 * <li>{@code GET <path>}: HTML; {@code GET <path>.json}: the same as JSON;</li>
 * <li>{@code POST <path>/reload}: reload now;</li>
 * <li>{@code POST <path>/test}: "test this certificate" (HTML, or JSON at {@code <path>/test.json}).</li>
 * </ul>
 * The POSTs carry a token only the page itself shows, so another site cannot make an operator's
 * browser post them. Read-only otherwise: no setting can be changed here.
 */
public final class StatusPage {
    private static final int MAX_FORM_BYTES = CertificatePreview.MAX_PEM_CHARS * 3 + 4096;

    private final Operations ops;
    private final Clock clock;
    private final String token;

    StatusPage(Operations ops, Clock clock) {
        this.ops = ops;
        this.clock = clock;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
    }

    /** Whether the request is for the status page (cheap: a flag and a prefix). */
    public boolean handles(HttpServletRequest request, String contextPath) {
        OpsSettings s = ops.settings();
        if (!s.statusEnabled()) {
            return false;
        }
        String uri = request.getRequestURI();
        int end = contextPath.length() + s.statusPath().length();
        return uri != null
                && uri.startsWith(contextPath)
                && uri.startsWith(s.statusPath(), contextPath.length())
                && (uri.length() == end || uri.charAt(end) == '/' || uri.charAt(end) == '.');
    }

    /** Answers a status page request; 403 unless the status rule matches. */
    public void serve(
            HttpServletRequest request,
            HttpServletResponse response,
            String contextPath,
            HostGroup group,
            RequestFacts facts)
            throws IOException {
        OpsSettings s = ops.settings();
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (s.statusRule() == null || !s.statusRule().matches(facts)) {
            deny(response);
            return;
        }
        String base = contextPath + s.statusPath();
        String rest = request.getRequestURI().substring(base.length());
        String method = request.getMethod();
        switch (rest) {
            case "", "/" -> {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    notAllowed(response, "GET");
                    return;
                }
                html(response, StatusHtml.page(ops, base, token, null, request.getParameter("reloaded")));
            }
            case ".json" -> {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    notAllowed(response, "GET");
                    return;
                }
                json(response, StatusJson.document(ops));
            }
            case "/reload", "/reload.json" -> {
                if (!acceptedPost(request, response)) {
                    return;
                }
                Operations.ReloadResult r = ops.reload("status page");
                if (rest.endsWith(".json")) {
                    json(response, StatusJson.reload(r));
                } else {
                    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                    response.setHeader("Location", base + "?reloaded=" + r.outcome());
                }
            }
            case "/test", "/test.json" -> {
                if (!acceptedPost(request, response)) {
                    return;
                }
                CertificatePreview.Result result = CertificatePreview.run(
                        ops.policy(),
                        request,
                        request.getParameter("pem"),
                        request.getParameter("host"),
                        request.getParameter("path"),
                        request.getParameter("method"),
                        clock.instant());
                if (rest.endsWith(".json")) {
                    json(response, StatusJson.preview(result));
                } else {
                    html(response, StatusHtml.page(ops, base, token, result, null));
                }
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private boolean acceptedPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("POST")) {
            notAllowed(response, "POST");
            return false;
        }
        if (request.getContentLengthLong() > MAX_FORM_BYTES) {
            response.sendError(413);
            return false;
        }
        String given = request.getParameter("token");
        if (given == null
                || !MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            deny(response);
            return false;
        }
        return true;
    }

    private static void deny(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().print("Forbidden");
    }

    private static void notAllowed(HttpServletResponse response, String allow) throws IOException {
        response.setHeader("Allow", allow);
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    private static void html(HttpServletResponse response, String page) throws IOException {
        response.setStatus(200);
        response.setContentType("text/html; charset=utf-8");
        // Nothing from elsewhere: inline style only, forms post here, never framed.
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
                        + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.getWriter().print(page);
    }

    private static void json(HttpServletResponse response, String document) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().print(document);
    }
}
