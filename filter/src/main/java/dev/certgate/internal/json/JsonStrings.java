package dev.certgate.internal.json;

/** Writes JSON string literals: the one escaping of everything certgate prints as JSON. */
public final class JsonStrings {
    private JsonStrings() {}

    /**
     * Appends {@code s} as a JSON string, or {@code null} for null. U+2028 and U+2029 are escaped
     * too: valid in JSON, but they end a line in older JavaScript.
     */
    public static StringBuilder append(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append("\\u").append(String.format("%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
