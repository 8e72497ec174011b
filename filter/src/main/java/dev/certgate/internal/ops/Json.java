package dev.certgate.internal.ops;

import dev.certgate.internal.json.JsonStrings;
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
        return JsonStrings.append(sb, s);
    }
}
