package dev.certgate.it.probe;

import dev.certgate.CertGateFilter;
import dev.certgate.internal.ops.Operations;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.Policy;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /probe}: what the running application really has, for the tests to assert on:
 * the certgate filters registered (name and class), how many rule evaluations matched so far in
 * the published policy, and which MicroProfile Config (if any) the application sees.
 */
public class ProbeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServletContext context = getServletContext();
        StringBuilder sb = new StringBuilder();
        sb.append("filters=").append(String.join(",", certGateFilters(context))).append('\n');
        Object policy = context.getAttribute(Operations.POLICY_ATTRIBUTE);
        sb.append("policy=")
                .append(policy instanceof Policy ? "present" : "absent")
                .append('\n');
        sb.append("matches=")
                .append(policy instanceof Policy p ? matches(p) : -1)
                .append('\n');
        sb.append("mpconfig=").append(microProfileConfig()).append('\n');
        response.setContentType("text/plain");
        response.getWriter().print(sb);
    }

    private static List<String> certGateFilters(ServletContext context) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, ? extends FilterRegistration> e :
                context.getFilterRegistrations().entrySet()) {
            String className = e.getValue().getClassName();
            try {
                Class<?> type = Class.forName(className, false, context.getClassLoader());
                if (CertGateFilter.class.isAssignableFrom(type)) {
                    found.add(e.getKey() + ":" + type.getName());
                }
            } catch (ClassNotFoundException | LinkageError ignored) {
                // not ours
            }
        }
        return found;
    }

    private static long matches(Policy policy) {
        long n = 0;
        List<HostGroup> groups = new ArrayList<>(policy.groups());
        groups.add(policy.fallback());
        for (HostGroup g : groups) {
            for (int i = 0; i < g.ruleCount(); i++) {
                n += g.counts().matches(i);
            }
        }
        return n;
    }

    private String microProfileConfig() {
        try {
            Class<?> provider = Class.forName(
                    "org.eclipse.microprofile.config.ConfigProvider",
                    true,
                    getServletContext().getClassLoader());
            Object config = provider.getMethod("getConfig", ClassLoader.class)
                    .invoke(null, getServletContext().getClassLoader());
            return config.getClass().getName();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return "none";
        }
    }
}
