package dev.certgate.internal.forwarding;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;

/**
 * The host a trusted proxy says the client asked for: {@code X-Forwarded-Host} or
 * {@code Forwarded: host=}, the right-most value (written by the nearest proxy). Only ever read
 * when configured and the socket peer is a trusted proxy.
 */
public final class ForwardedHost {
    /** Which header reports the host. */
    public enum Source implements ConfigChoice {
        NONE,
        X_FORWARDED_HOST,
        FORWARDED;
    }

    private ForwardedHost() {}

    /** The reported host, or null when the header is absent or its last value is empty or unreadable. */
    public static String of(HttpServletRequest request, Source source) {
        if (source == Source.FORWARDED) {
            List<Map<String, String>> elements = ForwardedHeader.elements(request.getHeaders("Forwarded"));
            if (elements.isEmpty()) {
                return null;
            }
            String host = elements.get(elements.size() - 1).get("host");
            return host == null || host.isBlank() ? null : host.strip();
        }
        String last = null;
        var lines = request.getHeaders("X-Forwarded-Host");
        while (lines != null && lines.hasMoreElements()) {
            last = lines.nextElement();
        }
        if (last == null) {
            return null;
        }
        String value = last.substring(last.lastIndexOf(',') + 1).strip();
        return value.isEmpty() ? null : value;
    }
}
