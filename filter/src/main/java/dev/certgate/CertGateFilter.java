package dev.certgate;

import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.config.ConfigSources;
import dev.certgate.internal.config.PropertySource;
import dev.certgate.internal.facts.BodyReplayRequest;
import dev.certgate.internal.facts.RequestFacts;
import dev.certgate.internal.forwarding.Forwarding;
import dev.certgate.internal.forwarding.RequestIdentity;
import dev.certgate.internal.hosting.Hosting;
import dev.certgate.internal.ops.Operations;
import dev.certgate.internal.policy.BlockResponse;
import dev.certgate.internal.policy.Decision;
import dev.certgate.internal.policy.DecisionCounts;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.HostMatch;
import dev.certgate.internal.policy.Policy;
import dev.certgate.internal.principal.PrincipalMapping;
import dev.certgate.principal.CertificatePrincipal;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.GenericFilter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Cloudflare API Shield's mTLS rules for a servlet application. For each request it finds the host
 * group of the {@code Host}, evaluates that group's rules (written in Cloudflare's Rules language)
 * against the request and its client certificate, and answers the block response (403 by default)
 * when a block rule matches. Configuration comes from MicroProfile Config (or, without an
 * implementation, from the same places read by certgate itself) under the {@code certgate.} prefix;
 * see docs/configuration.md. A bad configuration fails {@link #init}, so the application does not
 * start half-protected.
 */
public class CertGateFilter extends GenericFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = System.getLogger("dev.certgate");

    /**
     * Request attribute that marks a request already decided, so its later ASYNC and ERROR dispatches
     * are not evaluated again. Set only when such a dispatch may follow (see {@code alreadyDecided}).
     */
    public static final String DECIDED_ATTRIBUTE = "dev.certgate.decided";
    /** Servlet context attribute holding the filter's {@link CertGateStatus} (set by {@link #init}). */
    public static final String STATUS_ATTRIBUTE = "dev.certgate.status";

    /** Certificate headers from a peer that is not a trusted proxy, with {@code from-untrusted=bad-request}. */
    private static final BlockResponse BAD_REQUEST = BlockResponse.problem(400);

    /**
     * Whether the thread is running a decided request through the rest of the chain. A mutable
     * holder of a JDK type: flipping it costs no thread-local map updates, and it pins no
     * application class to the container's threads.
     */
    private static final ThreadLocal<boolean[]> DECIDING = ThreadLocal.withInitial(() -> new boolean[1]);

    /** The policy holder, reload, metrics and events; null before init and in a passive second filter. */
    private transient volatile Operations ops;

    private transient volatile String contextPath = "";
    /** Operations started by the host (the Spring Boot starter), which also closes them; null when init starts them. */
    private final transient Operations given;

    static {
        // The project's own hosts reach the hosted constructor through internal.hosting, not through API.
        Hosting.install(new Hosting.Access() {
            @Override
            public Filter filter(Operations operations) {
                return new CertGateFilter(operations);
            }

            @Override
            public Set<DispatcherType> dispatchers(PropertySource source) throws ConfigException {
                return CertGateFilter.dispatchers(source);
            }
        });
    }

    /** The filter as containers create it: {@link #init} loads the policy from the configuration. */
    public CertGateFilter() {
        this.given = null;
    }

    /**
     * A filter that runs operations its host already started, with a policy it loaded and validated
     * (the Spring Boot starter does, from Spring's Environment). The host owns them: this filter does
     * not close them. Internal: reached through {@code dev.certgate.internal.hosting.Hosting}.
     */
    CertGateFilter(Operations operations) {
        this.given = java.util.Objects.requireNonNull(operations, "operations");
    }

    /** The dispatcher types certgate is mapped for ({@code certgate.dispatchers}, REQUEST by default). */
    static Set<DispatcherType> dispatchers(PropertySource source) throws ConfigException {
        return ServletSettings.read(source).dispatchers();
    }

    @Override
    public void init() throws ServletException {
        ServletContext context = getServletContext();
        if (context.getAttribute(Operations.POLICY_ATTRIBUTE) != null) {
            // Declared twice (e.g. web.xml and an annotated subclass): one certgate decides, this one passes.
            LOG.log(
                    Level.WARNING,
                    () -> "certgate: filter '" + getFilterName() + "' is a second certgate filter in "
                            + context.getContextPath() + "/; it stays passive and the one started first decides."
                            + " Declare certgate once (docs/deployment.md)");
            return;
        }
        if (given != null) {
            this.contextPath = context.getContextPath();
            this.ops = given;
            context.setAttribute(Operations.POLICY_ATTRIBUTE, given.policy());
            context.setAttribute(Operations.ATTRIBUTE, given);
            context.setAttribute(STATUS_ATTRIBUTE, new CertGateStatus(given));
            return;
        }
        ClassLoader classLoader = InitParams.classLoader(context);
        // Opened again by every reload check: the built-in reader re-reads its files.
        Supplier<PropertySource> opener =
                () -> ConfigSources.forWebApp(classLoader, InitParams.of(getFilterConfig()), InitParams.of(context));
        PropertySource source = opener.get();
        try {
            ServletSettings.read(source); // validated here too, whoever registered the filter
            Operations started = Operations.start(
                    opener,
                    classLoader,
                    Clock.systemUTC(),
                    Set.of(),
                    p -> context.setAttribute(Operations.POLICY_ATTRIBUTE, p));
            Policy loaded = started.policy();
            this.contextPath = context.getContextPath();
            this.ops = started;
            context.setAttribute(Operations.POLICY_ATTRIBUTE, loaded);
            context.setAttribute(Operations.ATTRIBUTE, started);
            context.setAttribute(STATUS_ATTRIBUTE, new CertGateStatus(started));
            LOG.log(
                    Level.INFO,
                    () -> "certgate: started with " + loaded.groups().size() + " host group(s), "
                            + loaded.allRules().size() + " rule(s), configuration from " + source.description()
                            + (loaded.reportOnly() ? ", REPORT-ONLY (nothing is blocked)" : "")
                            + (loaded.enabled() ? "" : ", DISABLED by certgate.enabled=false"));
            LOG.log(Level.INFO, () -> "certgate: " + loaded.describeHosts());
            java.util.List<HostGroup> bodyGroups = java.util.stream.Stream.concat(
                            loaded.groups().stream(), java.util.stream.Stream.of(loaded.fallback()))
                    .filter(g -> g.bodyLimit() > 0)
                    .toList();
            if (!bodyGroups.isEmpty()) {
                LOG.log(
                        Level.INFO,
                        () -> "certgate: request bodies are read for rules (certgate.request-body.enabled),"
                                + " up to " + bodyGroups.get(0).bodyLimit() + " bytes, in host group(s) "
                                + bodyGroups.stream().map(HostGroup::id).toList());
            }
            if (!loaded.forwarding().isOff()) {
                LOG.log(Level.INFO, () -> "certgate: " + loaded.forwarding().describe());
            }
        } catch (ConfigException e) {
            LOG.log(Level.ERROR, "certgate: invalid configuration, the application must not start: " + e.getMessage());
            throw new ServletException("certgate: invalid configuration: " + e.getMessage(), e);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        Operations o = ops;
        Policy current = o == null ? null : o.policy(); // read once: the request finishes on this policy
        if (!(req instanceof HttpServletRequest request)
                || !(res instanceof HttpServletResponse response)
                || current == null
                || !current.enabled()
                || alreadyDecided(req)) {
            chain.doFilter(req, res);
            return;
        }
        Decision decision;
        RequestFacts facts = null;
        RequestIdentity identity = RequestIdentity.DIRECT;
        HostMatch host = null;
        HttpServletRequest seen = request;
        CertificatePrincipal user = null;
        try {
            Forwarding forwarding = current.forwarding();
            host = current.matchRequestHost(forwarding.host(request, RequestHost.of(request)));
            identity = forwarding.identify(host.group().id(), request);
            if (identity.refusal() != RequestIdentity.Refusal.NONE) {
                if (!current.reportOnly()) {
                    BlockResponses.write(
                            response,
                            identity.refusal() == RequestIdentity.Refusal.BAD_REQUEST
                                    ? BAD_REQUEST
                                    : current.defaultResponse());
                    return;
                }
                // Report-only refuses nothing; the headers stay hidden, a rate-limited event says so below.
            }
            int bodyLimit = host.group().bodyLimit();
            if (bodyLimit > 0) {
                // Read only if a body-reading rule is evaluated; the application still gets the whole body.
                seen = new BodyReplayRequest(request, bodyLimit);
            }
            facts = new RequestFacts(
                    seen,
                    contextPath,
                    host.host(),
                    host.group().certificates(),
                    current.now(),
                    identity.chain(),
                    identity.clientAddress());
            if (identity.refusal() != RequestIdentity.Refusal.NONE) {
                o.events().wouldRefuseForwarding(host.group(), facts);
            }
            decision =
                    current.evaluate(host.group(), facts, facts, o.events()); // facts supply the chain's rule results
            if (decision.blocked()) {
                o.events().blocked(host.group(), decision.rule(), facts);
            } else if (o.status().handles(request, contextPath)) {
                o.status().serve(request, response, contextPath, host.group(), facts);
                return;
            } else if (current.principals().anyEnabled()) {
                // The verified certificate as the application's user (dev.certgate.principal), opt-in.
                String group = host.group().id();
                user = current.principals()
                        .forGroup(group)
                        .principal(facts, group)
                        .orElse(null);
            }
        } catch (RuntimeException e) {
            (host != null ? host.group() : current.fallback()).counts().count(DecisionCounts.Outcome.ERROR);
            // Fail closed unless the operator chose otherwise; the client sees no internals.
            LOG.log(
                    Level.ERROR,
                    "certgate: internal error while evaluating " + request.getMethod() + " "
                            + request.getRequestURI()
                            + (current.failOpenOnError()
                                    ? " (let through: certgate.on-error=allow)"
                                    : " (blocked: fail closed)"),
                    e);
            if (current.failOpenOnError()) {
                passDecided(identity.applicationView(seen, null), response, chain);
            } else {
                BlockResponses.write(response, null);
            }
            return;
        }
        if (decision.blocked()) {
            BlockResponses.write(response, decision.rule().response());
            return;
        }
        HttpServletRequest view = identity.applicationView(seen, facts);
        passDecided(user == null ? view : PrincipalMapping.asUser(view, user), response, chain);
    }

    /**
     * A request is decided once, on its first dispatch through certgate; its forward, include,
     * error and async dispatches pass. A REQUEST dispatch is always a request's first. The dispatches
     * made while the decided one runs (forward, include) are seen through {@link #DECIDING}; only a
     * request that may come back later (async started, an error status or an exception: ASYNC and
     * ERROR dispatches) gets the {@link #DECIDED_ATTRIBUTE} marker, because setting a request
     * attribute costs the container a map per request.
     */
    private static boolean alreadyDecided(ServletRequest req) {
        return req.getDispatcherType() != DispatcherType.REQUEST
                && (DECIDING.get()[0] || req.getAttribute(DECIDED_ATTRIBUTE) != null);
    }

    private static void passDecided(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean completed = false;
        boolean[] deciding = DECIDING.get();
        deciding[0] = true;
        try {
            chain.doFilter(request, response);
            completed = true;
        } finally {
            deciding[0] = false;
            // isAsyncSupported first: a field read, while Jetty's isAsyncStarted takes a lock, and
            // a request that does not support async cannot have started it.
            if (!completed || response.getStatus() >= 400 || (request.isAsyncSupported() && request.isAsyncStarted())) {
                request.setAttribute(DECIDED_ATTRIBUTE, Boolean.TRUE);
            }
        }
    }

    @Override
    public void destroy() {
        Operations o = ops;
        ops = null;
        if (o != null) {
            ServletContext context = getServletContext();
            if (context.getAttribute(Operations.POLICY_ATTRIBUTE) == o.policy()) {
                context.removeAttribute(Operations.POLICY_ATTRIBUTE);
            }
            if (context.getAttribute(Operations.ATTRIBUTE) == o) {
                context.removeAttribute(Operations.ATTRIBUTE);
                context.removeAttribute(STATUS_ATTRIBUTE);
            }
            if (o != given) {
                o.close();
            }
        }
    }

    /**
     * What this filter runs and its counters (a live view), or null before init, after destroy and
     * in a passive second certgate filter.
     */
    public CertGateStatus status() {
        Operations o = ops;
        return o == null ? null : new CertGateStatus(o);
    }

    /** The running policy (internal), or null when {@link #status()} is. */
    Policy policy() {
        Operations o = ops;
        return o == null ? null : o.policy();
    }

    /** Reload, metrics, events and the status page of this filter (internal); null when {@link #status()} is. */
    Operations operations() {
        return ops;
    }
}
