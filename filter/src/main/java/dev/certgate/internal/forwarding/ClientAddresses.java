package dev.certgate.internal.forwarding;

import dev.certgate.internal.rules.IpAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * The client address behind trusted proxies: the right-most address of {@code X-Forwarded-For}
 * or {@code Forwarded: for=} that is not itself a trusted proxy. Every proxy appends the address
 * it received the request from, so everything left of the first untrusted hop was written by the
 * client and proves nothing. When the walk meets a value that is not an address ({@code unknown},
 * an obfuscated {@code _name}, garbage) it stops: the client is then the last trusted hop, the one
 * that reported the unreadable value.
 */
public final class ClientAddresses {
    /** Which header reports the client address. */
    public enum Source implements ConfigChoice {
        NONE,
        X_FORWARDED_FOR,
        FORWARDED;
    }

    private ClientAddresses() {}

    /**
     * The client address as text, for a request whose peer is a trusted proxy; the peer itself when
     * the header is absent or names only trusted proxies' peers.
     */
    public static String clientOf(HttpServletRequest request, Source source, TrustedProxies trusted) {
        String peer = request.getRemoteAddr();
        List<String> hops = source == Source.FORWARDED
                ? forwardedFor(request.getHeaders("Forwarded"))
                : xForwardedFor(request.getHeaders("X-Forwarded-For"));
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            IpAddress hop = parse(hops.get(i));
            if (hop == null) {
                return client;
            }
            client = hop.toString();
            if (!trusted.contains(hop)) {
                return client;
            }
        }
        return client;
    }

    private static List<String> xForwardedFor(Enumeration<String> lines) {
        List<String> hops = new ArrayList<>();
        if (lines != null) {
            for (String line : Collections.list(lines)) {
                for (String part : line.split(",", -1)) {
                    hops.add(part.strip());
                }
            }
        }
        return hops;
    }

    private static List<String> forwardedFor(Enumeration<String> lines) {
        List<String> hops = new ArrayList<>();
        for (Map<String, String> element : ForwardedHeader.elements(lines)) {
            // An element without for= (or malformed) is a hop we cannot read: it stops the walk.
            hops.add(element.getOrDefault("for", ""));
        }
        return hops;
    }

    /**
     * An address from {@code getRemoteAddr()}, {@code X-Forwarded-For} or {@code for=}: IPv4 with an
     * optional port, IPv6 bare or in brackets with an optional port, a zone id dropped. Null for
     * anything else.
     */
    public static IpAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || !(close == s.length() - 1 || isPort(s, close + 1))) {
                return null;
            }
            s = s.substring(1, close);
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && colon == s.lastIndexOf(':')) {
                if (!isPort(s, colon)) {
                    return null;
                }
                s = s.substring(0, colon); // IPv4 with a port
            }
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.isEmpty()) {
            return null;
        }
        try {
            return IpAddress.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code :digits} from {@code colon} to the end. */
    private static boolean isPort(String s, int colon) {
        if (colon >= s.length() - 1 || s.charAt(colon) != ':' || s.length() - colon > 6) {
            return false;
        }
        for (int i = colon + 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
