package dev.certgate.internal.forwarding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Forwarded} header of RFC 7239: elements separated by {@code ,}, each a list of
 * {@code name=value} pairs separated by {@code ;}, a value a token or a quoted string. Every
 * field line is one more run of elements, in order. A malformed element is kept as empty, so a
 * reader walking from the right stops there rather than skipping it.
 */
final class ForwardedHeader {
    private ForwardedHeader() {}

    /** The elements of every line, left to right, each as lower-cased names → unquoted values. */
    static List<Map<String, String>> elements(Enumeration<String> lines) {
        List<Map<String, String>> out = new ArrayList<>();
        if (lines == null) {
            return out;
        }
        for (String line : Collections.list(lines)) {
            for (String element : split(line, ',')) {
                out.add(pairs(element));
            }
        }
        return out;
    }

    private static Map<String, String> pairs(String element) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : split(element, ';')) {
            String p = pair.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                return Map.of();
            }
            String value = unquote(p.substring(eq + 1).strip());
            if (value == null
                    || pairs.putIfAbsent(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), value) != null) {
                return Map.of(); // a bad quoted string, or a parameter given twice (RFC 7239 §4)
            }
        }
        return pairs;
    }

    /** Splits at {@code separator} outside quoted strings; quotes and escapes stay in the parts. */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The value of a token or quoted string ({@code \} escapes removed); null when a quote is unbalanced. */
    static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return value.indexOf('"') >= 0 ? null : value;
        }
        if (value.length() < 2 || !value.endsWith("\"")) {
            return null;
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (i + 1 >= value.length() - 1) {
                    return null;
                }
                c = value.charAt(++i);
            } else if (c == '"') {
                return null;
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
