package dev.certgate.ops;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.certgate.facts.RequestFacts;
import dev.certgate.policy.HostGroup;

/** The status page (off by default): HTML and JSON under {@code certgate.status.path}, behind its own rule. */
public final class StatusPage {
    private final Operations ops;
    private final Clock clock;

    StatusPage(Operations ops, Clock clock) {
        this.ops = ops;
        this.clock = clock;
    }

    /** Whether the request is for the status page (cheap: a flag and a prefix). */
    public boolean handles(HttpServletRequest request, String contextPath) {
        OpsSettings s = ops.settings();
        if (!s.statusEnabled()) {
            return false;
        }
        String uri = request.getRequestURI();
        int base = contextPath.length();
        return uri.startsWith(s.statusPath(), base) && (uri.length() == base + s.statusPath().length()
                || uri.charAt(base + s.statusPath().length()) == '/' || uri.charAt(base + s.statusPath().length()) == '.');
    }

    /** Answers a status page request; 403 unless the status rule matches. */
    public void serve(HttpServletRequest request, HttpServletResponse response, String contextPath, HostGroup group,
                      RequestFacts facts) throws IOException {
        OpsSettings s = ops.settings();
        if (s.statusRule() == null || !s.statusRule().matches(facts)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        response.setStatus(200);
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().print("certgate status: policy version " + ops.holder().loaded().version());
    }
}
