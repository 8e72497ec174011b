package dev.certgate.internal.ops;

import dev.certgate.internal.facts.ClientCertificateResolver;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.Policy;
import dev.certgate.internal.policy.Rule;
import dev.certgate.ops.DecisionEvent;
import dev.certgate.revocation.RevocationSourceStatus;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The status page's JSON documents. */
final class StatusJson {
    private StatusJson() {}

    static List<HostGroup> groups(Policy p) {
        List<HostGroup> all = new ArrayList<>(p.groups());
        all.add(p.fallback());
        return all;
    }

    static String document(Operations ops) {
        PolicyHolder.Loaded loaded = ops.holder().loaded();
        Policy p = loaded.policy();
        OpsSettings s = ops.settings();
        GateMetrics m = ops.metrics();
        Instant now = Instant.now();
        StringBuilder sb = new StringBuilder(4096);
        Json doc = Json.object(sb);
        Json policy = Json.object(doc.raw("policy"));
        policy.field("version", loaded.version())
                .field("loaded_at", loaded.loadedAt().toString())
                .field("enabled", p.enabled())
                .field("mode", p.reportOnly() ? "report-only" : "enforce")
                .field("reload_interval_seconds", s.reloadInterval().toSeconds())
                .field("reloads_ok", (long) m.value("certgate_reloads_total", Map.of("result", "ok")))
                .field("reloads_failed", (long) m.value("certgate_reloads_total", Map.of("result", "failed")))
                .end();
        StringBuilder errors = doc.raw("reload_errors").append('[');
        boolean first = true;
        for (ReloadError e : ops.reloadErrors()) {
            errors.append(first ? "" : ",");
            first = false;
            Json.object(errors)
                    .field("time", e.time().toString())
                    .field("trigger", e.trigger())
                    .field("property", e.property())
                    .field("message", e.message())
                    .end();
        }
        errors.append(']');
        StringBuilder groups = doc.raw("groups").append('[');
        first = true;
        for (HostGroup g : groups(p)) {
            groups.append(first ? "" : ",");
            first = false;
            group(groups, g, now);
        }
        groups.append(']');
        StringBuilder events = doc.raw("recent_events").append('[');
        first = true;
        for (DecisionEvent e : ops.events().recent()) {
            events.append(first ? "" : ",").append(Json.event(e));
            first = false;
        }
        events.append(']');
        doc.field("events_written", ops.events().written())
                .field("events_suppressed", ops.events().suppressed())
                .counts("forwarded_certificates", m.forwardedCertificates());
        doc.end();
        return sb.toString();
    }

    private static void group(StringBuilder sb, HostGroup g, Instant now) {
        Json group = Json.object(sb);
        group.field("id", g.id()).strings("names", g.names());
        ClientCertificateResolver r = g.certificates();
        StringBuilder anchors = group.raw("anchors").append('[');
        if (r != null) {
            boolean first = true;
            for (X509Certificate a : r.anchors()) {
                anchors.append(first ? "" : ",");
                first = false;
                Instant notAfter = a.getNotAfter().toInstant();
                Json.object(anchors)
                        .field("subject", a.getSubjectX500Principal().getName())
                        .field("not_after", notAfter.toString())
                        .field(
                                "days_left",
                                Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L))
                        .end();
            }
        }
        anchors.append(']');
        if (r != null) {
            Json.object(group.raw("verification_cache"))
                    .field("size", r.cachedChains())
                    .field("hits", r.cacheHits())
                    .field("misses", r.cacheMisses())
                    .end();
        }
        StringBuilder rules = group.raw("rules").append('[');
        for (int i = 0; i < g.ruleCount(); i++) {
            Rule rule = g.ruleAt(i);
            rules.append(i == 0 ? "" : ",");
            Json.object(rules)
                    .field("id", rule.id())
                    .field("scope", i < g.hostRules().size() ? "host" : "global")
                    .field("action", rule.action().configName())
                    .field("report_only", rule.reportOnly())
                    .field("matches", g.counts().matches(i))
                    .field("expression", rule.expression().source())
                    .field("description", rule.description())
                    .end();
        }
        rules.append(']');
        StringBuilder sources = group.raw("revocation").append('[');
        if (r != null && r.revocation().enabled()) {
            boolean first = true;
            for (RevocationSourceStatus src : r.revocation().sources()) {
                sources.append(first ? "" : ",");
                first = false;
                source(sources, src);
            }
        }
        sources.append(']');
        group.end();
    }

    private static void source(StringBuilder sb, RevocationSourceStatus src) {
        Json j = Json.object(sb).field("kind", src.kind()).field("location", src.location());
        if (src.kind().equals("crl")) {
            j.field(
                            "this_update",
                            src.thisUpdate() == null ? null : src.thisUpdate().toString())
                    .field(
                            "next_update",
                            src.nextUpdate() == null ? null : src.nextUpdate().toString())
                    .field("entries", src.entries());
        } else {
            j.field("cached_answers", src.entries())
                    .field("requests", src.requests())
                    .field("failures", src.failures());
        }
        j.field("last_result", src.lastResult()).end();
    }

    static String reload(Operations.ReloadResult r) {
        StringBuilder sb = new StringBuilder();
        Json j = Json.object(sb).field("outcome", r.outcome()).field("version", r.version());
        if (r.error() != null) {
            j.field("property", r.error().property()).field("message", r.error().message());
        }
        j.end();
        return sb.toString();
    }

    static String preview(CertificatePreview.Result r) {
        StringBuilder sb = new StringBuilder(2048);
        Json j = Json.object(sb);
        if (r.error() != null) {
            j.field("error", r.error()).end();
            return sb.toString();
        }
        j.field("host", r.host())
                .field("group", r.group())
                .field("path", r.path())
                .field("method", r.method())
                .field("decision", r.decision())
                .field("rule", r.decidingRule())
                .field("verified", r.verified())
                .field("verify_error", r.verifyError())
                .field("revocation_status", r.revocation());
        StringBuilder rules = j.raw("rules").append('[');
        boolean first = true;
        for (CertificatePreview.RuleResult rule : r.rules()) {
            rules.append(first ? "" : ",");
            first = false;
            Json.object(rules)
                    .field("id", rule.id())
                    .field("action", rule.action())
                    .field("matched", rule.matched())
                    .end();
        }
        rules.append(']');
        Json fields = Json.object(j.raw("fields"));
        r.fields().forEach((name, value) -> {
            if (value instanceof Boolean b) {
                fields.field(name, b);
            } else if (value instanceof List<?> list) {
                fields.strings(name, list.stream().map(String::valueOf).toList());
            } else {
                fields.field(name, String.valueOf(value));
            }
        });
        fields.end();
        j.end();
        return sb.toString();
    }
}
