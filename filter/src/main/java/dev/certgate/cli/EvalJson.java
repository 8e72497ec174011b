package dev.certgate.cli;

import dev.certgate.internal.json.JsonReader;
import java.util.List;
import java.util.Map;

/** JSON output for {@code eval --batch}. */
final class EvalJson {
    private EvalJson() {}

    static String result(boolean result) {
        return "{\"valid\": true, \"result\": " + result + "}";
    }

    static String invalid(String error) {
        return "{\"valid\": false, \"error\": " + quote(error) + "}";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    static String describe(Object json) {
        if (json instanceof String) {
            return "a string";
        }
        if (json instanceof Map) {
            return "an object";
        }
        if (json instanceof List) {
            return "an array";
        }
        if (json == JsonReader.NULL) {
            return "null";
        }
        return String.valueOf(json);
    }
}
