package dev.certgate.internal.facts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a request that Cloudflare splits out as fields: cookies, query arguments, the path's
 * extension, accepted languages, and the TLS names in Cloudflare's (OpenSSL's) spelling.
 */
final class RequestParts {
    private RequestParts() {}

    /** Names and values of a query string, in order, undecoded; {@code a} alone is {@code a=""}. */
    record Pairs(List<String> names, List<String> values) {
        static final Pairs NONE = new Pairs(List.of(), List.of());

        Map<String, List<String>> asMap() {
            Map<String, List<String>> map = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                map.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(values.get(i));
            }
            map.replaceAll((k, v) -> Collections.unmodifiableList(v));
            return Collections.unmodifiableMap(map);
        }
    }

    static Pairs queryArgs(String query) {
        if (query == null || query.isEmpty()) {
            return Pairs.NONE;
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            names.add(eq < 0 ? pair : pair.substring(0, eq));
            values.add(eq < 0 ? "" : pair.substring(eq + 1));
        }
        return new Pairs(List.copyOf(names), List.copyOf(values));
    }

    /**
     * Cloudflare's cookie map: names percent-decoded (cookies whose names decode alike share one
     * array), values exactly as sent, in request order.
     */
    static Map<String, List<String>> cookies(List<String> cookieHeaders) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                String p = pair.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                String name = percentDecode(eq < 0 ? p : p.substring(0, eq).strip());
                if (name.isEmpty()) {
                    continue;
                }
                map.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(eq < 0 ? "" : p.substring(eq + 1).strip());
            }
        }
        map.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(map);
    }

    /** %XX sequences as UTF-8 bytes; anything else (a lone '%', '+') as is. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
                out.write(hex(b[i + 1]) << 4 | hex(b[i + 2]));
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        return Character.digit(c, 16);
    }

    /**
     * The text after the last dot of the last path segment; empty when there is none or when the
     * segment's only dot is its first character (a hidden file).
     */
    static String extension(String path, boolean lowerCase) {
        String segment = path.substring(path.lastIndexOf('/') + 1);
        int dot = segment.lastIndexOf('.');
        if (dot <= 0) {
            return "";
        }
        String ext = segment.substring(dot + 1);
        return lowerCase ? ext.toLowerCase(Locale.ROOT) : ext;
    }

    /**
     * The language tags of Accept-Language headers by weight, highest first (ties in header order);
     * {@code *} and tags of weight 0 (not acceptable) are left out.
     */
    static List<String> acceptedLanguages(List<String> headers) {
        record Tag(String tag, double q, int order) {}
        List<Tag> tags = new ArrayList<>();
        for (String header : headers) {
            for (String item : header.split(",")) {
                String[] parts = item.split(";");
                String tag = parts[0].strip();
                double q = 1;
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].strip();
                    if (param.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(param.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                if (!tag.isEmpty() && !tag.equals("*") && q > 0) {
                    tags.add(new Tag(tag, q, tags.size()));
                }
            }
        }
        tags.sort((a, b) -> a.q != b.q ? Double.compare(b.q, a.q) : Integer.compare(a.order, b.order));
        List<String> out = new ArrayList<>(tags.size());
        for (Tag t : tags) {
            out.add(t.tag);
        }
        return List.copyOf(out);
    }

    /**
     * A JSSE (IANA) cipher suite name in OpenSSL's spelling, which Cloudflare uses: TLS 1.3 suites
     * as {@code AEAD-AES128-GCM-SHA256}, TLS 1.2 ones as {@code ECDHE-RSA-AES128-GCM-SHA256}.
     * A suite outside these patterns keeps its IANA name.
     */
    static String openSslCipherName(String iana) {
        if (iana == null || iana.isEmpty()) {
            return "";
        }
        switch (iana) {
            case "TLS_AES_128_GCM_SHA256":
                return "AEAD-AES128-GCM-SHA256";
            case "TLS_AES_256_GCM_SHA384":
                return "AEAD-AES256-GCM-SHA384";
            case "TLS_CHACHA20_POLY1305_SHA256":
                return "AEAD-CHACHA20-POLY1305-SHA256";
            default:
                break;
        }
        int with = iana.indexOf("_WITH_");
        if (!iana.startsWith("TLS_") || with < 0) {
            return iana;
        }
        String kx = switch (iana.substring(4, with)) {
            case "ECDHE_ECDSA" -> "ECDHE-ECDSA-";
            case "ECDHE_RSA" -> "ECDHE-RSA-";
            case "DHE_RSA" -> "DHE-RSA-";
            case "DHE_DSS" -> "DHE-DSS-";
            case "RSA" -> "";
            default -> null;
        };
        String rest = iana.substring(with + 6);
        String cipher = rest.contains("CHACHA20_POLY1305")
                ? "CHACHA20-POLY1305"
                : rest.startsWith("AES_128_GCM_")
                        ? "AES128-GCM-" + rest.substring(12)
                        : rest.startsWith("AES_256_GCM_")
                                ? "AES256-GCM-" + rest.substring(12)
                                : rest.startsWith("AES_128_CBC_")
                                        ? "AES128-" + rest.substring(12)
                                        : rest.startsWith("AES_256_CBC_")
                                                ? "AES256-" + rest.substring(12)
                                                : rest.startsWith("3DES_EDE_CBC_")
                                                        ? "DES-CBC3-" + rest.substring(13)
                                                        : null;
        return kx == null || cipher == null ? iana : kx + cipher;
    }
}
