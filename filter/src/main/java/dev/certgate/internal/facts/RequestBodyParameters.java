package dev.certgate.internal.facts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value of the form {@code value; name=token; name="quoted"; name*=UTF-8''%e2%82%ac}, as
 * Content-Type (RFC 9110 §5.6.6) and Content-Disposition (RFC 6266, RFC 7578) carry it. Never
 * throws: a value cut off inside a quoted string ends there, a malformed parameter is skipped.
 *
 * @param value      the part before the first {@code ;}, stripped (e.g. {@code form-data})
 * @param parameters parameter names in lower case, each with its first value: quoted strings
 *                   unquoted and unescaped, {@code name*} extended values (RFC 5987) decoded
 *                   under the name {@code name*} (left out when their charset is unknown or their
 *                   encoding broken)
 */
record RequestBodyParameters(String value, Map<String, String> parameters) {

    static RequestBodyParameters parse(String header) {
        int i = header.indexOf(';');
        String value = (i < 0 ? header : header.substring(0, i)).strip();
        Map<String, String> parameters = new LinkedHashMap<>();
        int n = header.length();
        while (i >= 0 && i < n) {
            i++; // past the ';'
            int eq = i;
            while (eq < n && header.charAt(eq) != '=' && header.charAt(eq) != ';') {
                eq++;
            }
            if (eq >= n || header.charAt(eq) == ';') {
                i = eq < n ? eq : -1; // a parameter without '=': skipped
                continue;
            }
            String name = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            StringBuilder text = new StringBuilder();
            int j = skipSpace(header, eq + 1);
            boolean quoted = j < n && header.charAt(j) == '"';
            if (quoted) {
                for (j++; j < n && header.charAt(j) != '"'; j++) {
                    char c = header.charAt(j);
                    text.append(c == '\\' && j + 1 < n ? header.charAt(++j) : c);
                }
                j = header.indexOf(';', j);
            } else {
                int semicolon = header.indexOf(';', j);
                text.append(header, j, semicolon < 0 ? n : semicolon);
                j = semicolon;
            }
            String v = quoted ? text.toString() : text.toString().strip();
            if (name.endsWith("*")) {
                v = extendedValue(v);
            }
            if (!name.isEmpty() && v != null) {
                parameters.putIfAbsent(name, v);
            }
            i = j;
        }
        return new RequestBodyParameters(value, Map.copyOf(parameters));
    }

    /** The media type or disposition type in lower case, without its parameters. */
    String lowerCaseValue() {
        return value.toLowerCase(Locale.ROOT);
    }

    /** {@code name*} when it decoded, else {@code name}; null when neither is there (RFC 6266 §4.3). */
    String preferExtended(String name) {
        String extended = parameters.get(name + "*");
        return extended != null ? extended : parameters.get(name);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** RFC 5987 {@code charset'language'percent-encoded}; null when the charset or encoding is not usable. */
    static String extendedValue(String v) {
        int first = v.indexOf('\'');
        int second = first < 0 ? -1 : v.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        Charset charset;
        switch (v.substring(0, first).toUpperCase(Locale.ROOT)) {
            case "UTF-8":
                charset = StandardCharsets.UTF_8;
                break;
            case "ISO-8859-1":
                charset = StandardCharsets.ISO_8859_1;
                break;
            default:
                return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = second + 1; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c == '%') {
                int hi = k + 2 < v.length() ? Character.digit(v.charAt(k + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(v.charAt(k + 2), 16);
                if (lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                k += 2;
            } else if (c > 0x7e || c <= ' ') {
                return null;
            } else {
                out.write(c);
            }
        }
        return out.toString(charset);
    }
}
