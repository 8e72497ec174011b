package dev.certgate.internal.policy;

import java.util.Locale;

/**
 * Host names compared the way hosts compare: ASCII case-insensitive, without a port and without
 * the trailing dot of a fully qualified name. {@code API.Example.com.:8443} is {@code api.example.com}.
 */
public final class HostNames {
    private HostNames() {}

    /**
     * The host part of a Host header (or {@code :authority}) value, normalised: lower case, port
     * and trailing dots removed, IPv6 brackets kept. Never null; garbage stays garbage (lower-cased),
     * so that it simply matches no configured name.
     */
    public static String normalizeRequestHost(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.strip();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close > 0 ? host.substring(0, close + 1) : host;
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0 && host.indexOf(':') == colon) {
                host = host.substring(0, colon);
            }
        }
        int end = host.length();
        while (end > 0 && host.charAt(end - 1) == '.') {
            end--;
        }
        return toLowerAscii(host.substring(0, end));
    }

    /**
     * Validates and normalises a configured name: an exact DNS name ({@code api.example.com}) or a
     * wildcard whose whole left-most label is {@code *} ({@code *.example.com}).
     *
     * @throws IllegalArgumentException with a message that says what is wrong
     */
    public static String normalizeConfiguredName(String name) {
        String n = name.strip();
        while (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        n = toLowerAscii(n);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("empty host name");
        }
        if (n.length() > 253) {
            throw new IllegalArgumentException("host name longer than 253 characters: '" + name + "'");
        }
        String[] labels = n.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (i == 0 && label.equals("*")) {
                if (labels.length < 3) {
                    throw new IllegalArgumentException(
                            "wildcard '" + name + "' must have at least two labels after '*.' (e.g. *.example.com)");
                }
                continue;
            }
            checkLabel(name, label);
        }
        return n;
    }

    public static boolean isWildcard(String normalizedName) {
        return normalizedName.startsWith("*.");
    }

    private static void checkLabel(String name, String label) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("empty label in host name '" + name + "'");
        }
        if (label.length() > 63) {
            throw new IllegalArgumentException("label longer than 63 characters in host name '" + name + "'");
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw new IllegalArgumentException("label starts or ends with '-' in host name '" + name + "'");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("character '" + c + "' not allowed in host name '" + name
                        + "' (letters, digits, '-' and a leading '*.' only; write IDNs in their xn-- form)");
            }
        }
    }

    static String toLowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }
}
