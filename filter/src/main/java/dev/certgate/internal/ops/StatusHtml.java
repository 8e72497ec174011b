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
import java.util.List;
import java.util.Map;

/** The status page as plain, accessible HTML: no script, no external resource, inline style only. */
final class StatusHtml {
    private static final String STYLE = "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;"
            + "padding:1rem;color:#1b1b1b;background:#fff}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;"
            + "border-bottom:1px solid #767676}table{border-collapse:collapse;width:100%;margin:.5rem 0}"
            + "th,td{border:1px solid #b0b0b0;padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
            + "th{background:#f0f0f0}code,textarea{font-family:ui-monospace,monospace;font-size:.9em}"
            + "textarea{width:100%}.bad{color:#a4000f;font-weight:bold}.ok{color:#005a1e;font-weight:bold}"
            + "label{display:block;margin-top:.5rem;font-weight:600}nav a{margin-right:1rem}"
            + "pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}";

    private static final String[] RELOAD_ERROR_COLUMNS = {"Time", "Trigger", "Property", "Why"};
    private static final String RECENT_CAPTION =
            "The latest written decision events (rate-limited; see the summaries in the log)";
    private static final String[] RECENT_COLUMNS = {
        "Time", "Event", "Host", "Rule", "Reason", "Client", "Subject", "Path"
    };

    private StatusHtml() {}

    static String page(Operations ops, String base, String token, CertificatePreview.Result preview, String reloaded) {
        PolicyHolder.Loaded loaded = ops.holder().loaded();
        Policy p = loaded.policy();
        GateMetrics m = ops.metrics();
        Instant now = Instant.now();
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                // An empty icon: the browser asks the server for no favicon.
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<title>certgate status</title><style>")
                .append(STYLE)
                .append("</style></head><body>")
                .append("<header><h1>certgate status</h1><nav aria-label=\"Sections\">")
                .append("<a href=\"#policy\">Policy</a><a href=\"#groups\">Host groups</a><a href=\"#rules\">Rules</a>")
                .append("<a href=\"#revocation\">Revocation</a><a href=\"#recent\">Recent blocks</a>")
                .append("<a href=\"#test\">Test a certificate</a><a href=\"")
                .append(esc(base))
                .append(".json\">JSON</a></nav></header><main>");

        h.append("<section id=\"policy\" aria-labelledby=\"policy-h\"><h2 id=\"policy-h\">Policy</h2>");
        if (reloaded != null) {
            h.append("<p role=\"status\" id=\"reload-outcome\">Reload: <strong>")
                    .append(esc(reloaded))
                    .append("</strong></p>");
        }
        h.append("<table><caption>The running policy</caption><tbody>");
        row(h, "Version", "<span id=\"policy-version\">" + loaded.version() + "</span>");
        row(h, "Loaded at", "<time>" + esc(loaded.loadedAt().toString()) + "</time>");
        row(h, "Mode", p.enabled() ? p.reportOnly() ? "report-only (nothing is blocked)" : "enforce" : "disabled");
        Duration interval = ops.settings().reloadInterval();
        row(h, "Reload check", interval.isZero() ? "off" : "every " + interval.toSeconds() + " s");
        row(
                h,
                "Reloads",
                (long) m.value("certgate_reloads_total", Map.of("result", "ok")) + " ok, "
                        + (long) m.value("certgate_reloads_total", Map.of("result", "failed")) + " refused");
        row(
                h,
                "Decision events",
                ops.events().written() + " written, " + ops.events().suppressed() + " suppressed");
        Map<String, Long> forwarded = m.forwardedCertificates();
        if (!forwarded.isEmpty()) {
            java.util.StringJoiner counts =
                    new java.util.StringJoiner(", ", "<span id=\"forwarded-certificates\">", "</span>");
            forwarded.forEach((outcome, n) -> counts.add(n + " " + esc(outcome.replace('_', ' '))));
            row(h, "Forwarded certificates", counts.toString());
        }
        h.append("</tbody></table><form method=\"post\" action=\"")
                .append(esc(base))
                .append("/reload\">")
                .append(hiddenToken(token))
                .append("<button type=\"submit\">Reload now</button></form>");
        List<ReloadError> errors = ops.reloadErrors();
        h.append("<h3 id=\"reload-errors-h\">Last refused reloads</h3>");
        if (errors.isEmpty()) {
            h.append("<p id=\"reload-errors\">None.</p>");
        } else {
            head(h.append("<table id=\"reload-errors\" aria-labelledby=\"reload-errors-h\">"), RELOAD_ERROR_COLUMNS);
            for (ReloadError e : errors) {
                cells(
                        h,
                        esc(e.time().toString()),
                        esc(e.trigger()),
                        "<code>" + esc(e.property()) + "</code>",
                        "<pre>" + esc(e.message()) + "</pre>");
            }
            h.append("</tbody></table>");
        }
        h.append("</section>");

        List<HostGroup> groups = StatusJson.groups(p);
        h.append("<section id=\"groups\" aria-labelledby=\"groups-h\"><h2 id=\"groups-h\">Host groups</h2>");
        head(h.append("<table>"), "Group", "Names", "Trust anchors (expiry)", "Verified chains cached");
        for (HostGroup g : groups) {
            ClientCertificateResolver r = g.certificates();
            h.append("<tr><th scope=\"row\">")
                    .append(esc(g.id()))
                    .append("</th><td>")
                    .append(esc(g.names().isEmpty() ? "(hosts in no group)" : String.join(", ", g.names())))
                    .append("</td><td>");
            if (r == null || r.anchors().isEmpty()) {
                h.append("none");
            } else {
                h.append("<ul>");
                for (X509Certificate a : r.anchors()) {
                    Instant notAfter = a.getNotAfter().toInstant();
                    long days = Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
                    boolean soon = notAfter.isBefore(now.plus(ops.settings().expiryWindow()));
                    h.append("<li>")
                            .append(esc(a.getSubjectX500Principal().getName()))
                            .append(" — ")
                            .append(soon ? "<span class=\"bad\">" : "<span>")
                            .append(days < 0 ? "EXPIRED " : "")
                            .append(esc(notAfter.toString()))
                            .append(days < 0 ? "" : " (" + days + " days)")
                            .append("</span></li>");
                }
                h.append("</ul>");
            }
            h.append("</td><td>")
                    .append(
                            r == null
                                    ? "—"
                                    : r.cachedChains() + " (" + r.cacheHits() + " hits, " + r.cacheMisses()
                                            + " misses)")
                    .append("</td></tr>");
        }
        h.append("</tbody></table></section>");

        h.append("<section id=\"rules\" aria-labelledby=\"rules-h\"><h2 id=\"rules-h\">Rules</h2>");
        head(h.append("<table>"), "Group", "Rule", "Action", "Matches", "Expression");
        for (HostGroup g : groups) {
            for (int i = 0; i < g.ruleCount(); i++) {
                Rule rule = g.ruleAt(i);
                h.append("<tr data-group=\"")
                        .append(esc(g.id()))
                        .append("\" data-rule=\"")
                        .append(esc(rule.id()))
                        .append("\"><td>")
                        .append(esc(g.id()))
                        .append("</td><td>")
                        .append(esc(rule.id()))
                        .append(i >= g.hostRules().size() ? " (global)" : "")
                        .append("</td><td>")
                        .append(esc(rule.action().configName()))
                        .append(rule.reportOnly() ? " (report-only)" : "")
                        .append("</td><td class=\"matches\">")
                        .append(g.counts().matches(i))
                        .append("</td><td><code>")
                        .append(esc(rule.expression().source()))
                        .append("</code></td></tr>");
            }
        }
        h.append("</tbody></table></section>");

        h.append("<section id=\"revocation\" aria-labelledby=\"revocation-h\"><h2 id=\"revocation-h\">Revocation</h2>");
        boolean any = false;
        StringBuilder rows = new StringBuilder();
        for (HostGroup g : groups) {
            if (g.certificates() == null || !g.certificates().revocation().enabled()) {
                continue;
            }
            for (RevocationSourceStatus src : g.certificates().revocation().sources()) {
                any = true;
                rows.append("<tr><td>")
                        .append(esc(g.id()))
                        .append("</td><td>")
                        .append(esc(src.kind()))
                        .append("</td><td><code>")
                        .append(esc(src.location()))
                        .append("</code></td><td>");
                if (src.kind().equals("crl")) {
                    rows.append(
                            src.thisUpdate() == null
                                    ? "not loaded"
                                    : "thisUpdate " + esc(src.thisUpdate().toString())
                                            + ", nextUpdate "
                                            + (src.nextUpdate() == null
                                                    ? "none"
                                                    : esc(src.nextUpdate().toString()))
                                            + ", " + src.entries() + " entries");
                } else {
                    rows.append(src.entries())
                            .append(" cached answers, ")
                            .append(src.requests())
                            .append(" requests, ")
                            .append(src.failures())
                            .append(" failures");
                }
                rows.append("</td><td>").append(esc(src.lastResult())).append("</td></tr>");
            }
        }
        if (any) {
            head(h.append("<table>"), "Group", "Kind", "Source", "State", "Last fetch")
                    .append(rows)
                    .append("</tbody></table>");
        } else {
            h.append("<p>No host group checks revocation.</p>");
        }
        h.append("</section>");

        h.append("<section id=\"recent\" aria-labelledby=\"recent-h\"><h2 id=\"recent-h\">Recent blocks</h2>");
        List<DecisionEvent> recent = ops.events().recent();
        if (recent.isEmpty()) {
            h.append("<p>No decision events yet.</p>");
        } else {
            head(h.append("<table><caption>" + RECENT_CAPTION + "</caption>"), RECENT_COLUMNS);
            for (DecisionEvent e : recent) {
                cells(
                        h,
                        esc(e.time().toString()),
                        esc(e.kind()),
                        esc(e.host()),
                        esc(e.rule()),
                        esc(e.reason()),
                        esc(e.client()),
                        esc(e.subject()),
                        esc(e.path()));
            }
            h.append("</tbody></table>");
        }
        h.append("</section>");

        testForm(h, base, token, groups, preview);
        h.append("</main></body></html>\n");
        return h.toString();
    }

    private static void testForm(
            StringBuilder h, String base, String token, List<HostGroup> groups, CertificatePreview.Result r) {
        String host = r != null && r.error() == null
                ? r.host()
                : groups.isEmpty() || groups.get(0).names().isEmpty()
                        ? ""
                        : groups.get(0).names().get(0);
        h.append("<section id=\"test\" aria-labelledby=\"test-h\"><h2 id=\"test-h\">Test a certificate</h2>")
                .append("<p>Runs the running policy on a pasted chain, as the CLI's <code>cert</code> and")
                .append(" <code>eval</code> do: nothing is cached or counted.</p>")
                .append("<form method=\"post\" action=\"")
                .append(esc(base))
                .append("/test\">")
                .append(hiddenToken(token))
                .append("<label for=\"pem\">Certificate chain (PEM, the client's certificate first)</label>")
                .append("<textarea id=\"pem\" name=\"pem\" rows=\"10\" required></textarea>")
                .append("<label for=\"host\">Host</label><input id=\"host\" name=\"host\" value=\"")
                .append(esc(host))
                .append("\">")
                .append("<label for=\"path\">Path (as <code>http.request.uri.path</code>)</label>")
                .append("<input id=\"path\" name=\"path\" value=\"")
                .append(esc(r != null && r.error() == null ? r.path() : "/"))
                .append("\">")
                .append("<label for=\"method\">Method</label><input id=\"method\" name=\"method\" value=\"GET\">")
                .append("<p><button type=\"submit\">Test</button></p></form>");
        if (r != null) {
            h.append("<div id=\"test-result\" role=\"status\"><h3>Result</h3>");
            if (r.error() != null) {
                h.append("<p class=\"bad\" id=\"test-error\">")
                        .append(esc(r.error()))
                        .append("</p>");
            } else {
                h.append("<p>Decision for <code>")
                        .append(esc(r.method()))
                        .append(' ')
                        .append(esc(r.host()))
                        .append(esc(r.path()))
                        .append("</code> (host group ")
                        .append(esc(r.group()))
                        .append("): ")
                        .append("<strong id=\"test-decision\" class=\"")
                        .append(r.decision().startsWith("blocked") ? "bad" : "ok")
                        .append("\">")
                        .append(esc(r.decision()))
                        .append("</strong>")
                        .append(
                                r.decidingRule().isEmpty()
                                        ? ""
                                        : " by rule <code id=\"test-rule\">" + esc(r.decidingRule()) + "</code>")
                        .append("</p><p>Verified: <strong id=\"test-verified\">")
                        .append(r.verified())
                        .append("</strong>")
                        .append(r.verifyError().isEmpty() ? "" : " — " + esc(r.verifyError()))
                        .append(". Revocation: ")
                        .append(esc(r.revocation()))
                        .append(".</p>");
                head(h.append("<table><caption>Rules in order</caption>"), "Rule", "Action", "Matched");
                for (CertificatePreview.RuleResult rule : r.rules()) {
                    cells(h, esc(rule.id()), esc(rule.action()), String.valueOf(rule.matched()));
                }
                head(
                        h.append("</tbody></table><table id=\"test-fields\"><caption>Certificate fields</caption>"),
                        "Field",
                        "Value");
                r.fields()
                        .forEach((name, value) -> h.append("<tr><th scope=\"row\"><code>")
                                .append(esc(name))
                                .append("</code></th><td><code>")
                                .append(esc(String.valueOf(value)))
                                .append("</code></td></tr>"));
                h.append("</tbody></table>");
            }
            h.append("</div>");
        }
        h.append("</section>");
    }

    private static String hiddenToken(String token) {
        return "<input type=\"hidden\" name=\"token\" value=\"" + token + "\">";
    }

    /** A table head of column headers (plain text), and the start of its body. */
    private static StringBuilder head(StringBuilder h, String... columns) {
        h.append("<thead><tr>");
        for (String c : columns) {
            h.append("<th scope=\"col\">").append(esc(c)).append("</th>");
        }
        return h.append("</tr></thead><tbody>");
    }

    /** One body row of cells given as HTML (escape text with {@link #esc}). */
    private static void cells(StringBuilder h, String... cellsHtml) {
        h.append("<tr>");
        for (String c : cellsHtml) {
            h.append("<td>").append(c).append("</td>");
        }
        h.append("</tr>");
    }

    private static void row(StringBuilder h, String name, String valueHtml) {
        h.append("<tr><th scope=\"row\">")
                .append(esc(name))
                .append("</th><td>")
                .append(valueHtml)
                .append("</td></tr>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String entity = entity(c);
            if (entity == null) {
                sb.append(c);
            } else {
                sb.append(entity);
            }
        }
        return sb.toString();
    }

    /** The entity that stands for {@code c} in HTML text and attribute values, or null to keep it. */
    private static String entity(char c) {
        return switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
        };
    }
}
