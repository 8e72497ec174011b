package dev.certgate;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The host a request names, as the client wrote it: the {@code Host} header, or for HTTP/2 and
 * HTTP/3 the {@code :authority}. Null when the client named none (HTTP/1.0 without {@code Host},
 * HTTP/2 without {@code :authority}): such a request is in no host group.
 *
 * <p>Never {@code getServerName()}: without a Host it is the server's own name or address, which
 * would put a host-less request into whichever group lists the server's names.
 */
final class RequestHost {
    private RequestHost() {}

    static String of(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host != null) {
            return host;
        }
        String protocol = request.getProtocol();
        if (protocol != null && (protocol.startsWith("HTTP/2") || protocol.startsWith("HTTP/3"))) {
            // Containers keep :authority in the request URL rather than a Host header (Jetty 12:
            // "https://authority/path", "https:///path" when the client sent none).
            return authorityOf(request.getRequestURL());
        }
        return null;
    }

    /** The authority of {@code scheme://authority/path}, or null when it is empty or the URL has none. */
    static String authorityOf(CharSequence url) {
        if (url == null) {
            return null;
        }
        String s = url.toString();
        int start = s.indexOf("://");
        if (start < 0) {
            return null;
        }
        start += 3;
        int end = start;
        while (end < s.length() && s.charAt(end) != '/' && s.charAt(end) != '?' && s.charAt(end) != '#') {
            end++;
        }
        return end > start ? s.substring(start, end) : null;
    }
}
