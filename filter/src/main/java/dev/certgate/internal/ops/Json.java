package dev.certgate.internal.ops;

import dev.certgate.ops.DecisionEvent;
import java.util.Collection;
import java.util.Map;

/** A small JSON writer for events, metrics and the status document: strings escaped, nothing else. */
final class Json {
    private final StringBuilder sb;
    private boolean first = true;

    Json(StringBuilder sb) {
        this.sb = sb;
    }

    /** A decision event as one JSON object on one line (the format of the {@code dev.certgate.events} logger). */
    static String event(DecisionEvent e) {
        StringBuilder sb = new StringBuilder(384);
        object(sb)
                .field("time", e.time().toString())
                .field("event", e.kind())
                .field("host", e.host())
                .field("group", e.group())
                .field("rule", e.rule())
                .field("action", e.action())
                .field("reason", e.reason())
                .field("path", e.path())
                .field("client", e.client())
                .field("subject", e.subject())
                .field("issuer", e.issuer())
                .field("serial", e.serial())
                .field("sha256", e.sha256())
                .field("verify_error", e.verifyError())
                .field("revocation_status", e.revocationStatus())
                .field("revocation_source", e.revocationSource())
                .end();
        return sb.toString();
    }

    static Json object(StringBuilder sb) {
        sb.append('{');
        return new Json(sb);
    }

    Json field(String name, String value) {
        key(name);
        string(sb, value);
        return this;
    }

    Json field(String name, long value) {
        key(name);
        sb.append(value);
        return this;
    }

    Json field(String name, boolean value) {
        key(name);
        sb.append(value);
        return this;
    }

    /** A field whose value the caller writes (an object or array). */
    StringBuilder raw(String name) {
        key(name);
        return sb;
    }

    Json strings(String name, Collection<String> values) {
        key(name);
        sb.append('[');
        boolean f = true;
        for (String v : values) {
            if (!f) {
                sb.append(',');
            }
            f = false;
            string(sb, v);
        }
        sb.append(']');
        return this;
    }

    Json counts(String name, Map<String, Long> values) {
        key(name);
        Json inner = object(sb);
        values.forEach(inner::field);
        inner.end();
        return this;
    }

    void end() {
        sb.append('}');
    }

    private void key(String name) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        string(sb, name);
        sb.append(':');
    }

    static StringBuilder string(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("null");
        }
        return escape(sb.append('"'), s, Json::jsonEscape).append('"');
    }

    /** A JSON string's escape for {@code c}, or null to keep it (U+2028/9 escaped too, for JavaScript). */
    private static String jsonEscape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x20 || c == 0x2028 || c == 0x2029 ? String.format("\\u%04x", (int) c) : null;
        };
    }

    /** How one character is written in an escaped text: its replacement, or null to keep it. */
    interface CharEscape {
        String replacement(char c);
    }

    /** Appends {@code s} with each character escaped as {@code escape} says (JSON here, HTML on the status page). */
    static StringBuilder escape(StringBuilder sb, String s, CharEscape escape) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = escape.replacement(c);
            if (replacement == null) {
                sb.append(c);
            } else {
                sb.append(replacement);
            }
        }
        return sb;
    }
}
