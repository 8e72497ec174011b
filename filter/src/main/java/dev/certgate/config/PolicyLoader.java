package dev.certgate.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.regex.Pattern;

import dev.certgate.facts.ClientCertificateResolver;
import dev.certgate.forwarding.Forwarding;
import dev.certgate.policy.Action;
import dev.certgate.policy.BlockResponse;
import dev.certgate.policy.HostGroup;
import dev.certgate.policy.HostNames;
import dev.certgate.policy.Policy;
import dev.certgate.policy.Rule;
import dev.certgate.revocation.RevocationConfigException;
import dev.certgate.revocation.RevocationPolicy;
import dev.certgate.rules.Expression;
import dev.certgate.rules.Field;
import dev.certgate.rules.NamedLists;
import dev.certgate.rules.RuleSyntaxException;
import dev.certgate.trust.ChainVerifier;
import dev.certgate.trust.TrustAnchors;

/**
 * Reads the {@code certgate.*} properties into an immutable, validated {@link Policy}. Every problem
 * fails the whole load with a {@link ConfigException} naming the property: a deployment never runs
 * with half a policy. Only exact names are looked up (portable to every MicroProfile Config
 * implementation and to environment variables); lists of ids say which names exist.
 */
public final class PolicyLoader {
    /** Rule, host-group and list ids: lower-case letters, digits, '-' and '_'. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final int DEFAULT_CACHE_SIZE = 10_000;

    private final TrackingSource source;
    private final ClassLoader classLoader;
    private final Clock clock;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private ScheduledExecutorService scheduler;

    private PolicyLoader(PropertySource source, ClassLoader classLoader, Clock clock) {
        this.source = new TrackingSource(source);
        this.classLoader = classLoader;
        this.clock = clock;
    }

    /**
     * Loads and validates the whole policy.
     *
     * @param extraKeys further {@code certgate.*} keys that the caller reads itself (so they are not "unknown")
     */
    public static Policy load(PropertySource source, ClassLoader classLoader, Clock clock, Set<String> extraKeys)
            throws ConfigException {
        PolicyLoader loader = new PolicyLoader(source, classLoader, clock);
        try {
            return loader.load(extraKeys);
        } catch (ConfigException | RuntimeException e) {
            loader.closeResources();
            throw e;
        }
    }

    private Policy load(Set<String> extraKeys) throws ConfigException {
        for (String key : extraKeys) {
            source.get(key);
        }
        boolean enabled = bool("certgate.enabled", true);
        boolean reportOnly = choice("certgate.mode", "enforce", "enforce", "report-only").equals("report-only");
        boolean failOpen = choice("certgate.on-error", "block", "block", "allow").equals("allow");
        boolean trustContainer = choice("certgate.verification", "certgate", "certgate", "container")
                .equals("container");
        int cacheSize = positiveInt("certgate.verification.cache-size", DEFAULT_CACHE_SIZE);
        BlockResponse defaultResponse = blockResponse("certgate.block", BlockResponse.DEFAULT);
        NamedLists lists = namedLists();

        Optional<TrustAnchors> defaultTrust = trust("certgate.trust");
        List<Rule> globalRules = rules("certgate.rules", "certgate.rule.", "global", lists, defaultResponse);

        List<HostGroup> groups = new ArrayList<>();
        Map<String, String> nameOwners = new LinkedHashMap<>();
        for (String id : ids("certgate.hosts")) {
            groups.add(hostGroup(id, defaultTrust, globalRules, lists, defaultResponse, trustContainer, cacheSize,
                    nameOwners));
        }
        ClientCertificateResolver fallbackCerts = resolver("certgate.", "certgate.trust", defaultTrust,
                trustContainer, cacheSize, globalRules, "hosts without a host group");
        List<Rule> unmatchedRules = new ArrayList<>();
        // Blocked by default: in a servlet container an unlisted host reaches the same application.
        if (choice("certgate.on-unmatched-host", "block", "block", "allow").equals("block")) {
            unmatchedRules.add(unmatchedHostRule(lists, defaultResponse));
        }
        HostGroup fallback = new HostGroup("(default)", List.of(), unmatchedRules, globalRules, fallbackCerts);
        Forwarding forwarding = ForwardingLoader.load(source, groups.stream().map(HostGroup::id).toList(),
                fallback.id());

        Set<String> unknown = source.unknownNames();
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            String all = unknown.size() > 1 ? " (unknown: " + String.join(", ", unknown) + ")" : "";
            throw new ConfigException(first, "unknown certgate property" + all
                    + "; check the spelling and that its id is listed (certgate.hosts, .rules, certgate.lists);"
                    + " see docs/configuration.md");
        }
        return new Policy(enabled, reportOnly, failOpen, groups, fallback, resources, clock, forwarding,
                defaultResponse);
    }

    private HostGroup hostGroup(String id, Optional<TrustAnchors> defaultTrust, List<Rule> globalRules,
                                NamedLists lists, BlockResponse defaultResponse, boolean trustContainer,
                                int cacheSize, Map<String, String> nameOwners) throws ConfigException {
        String prefix = "certgate.host." + id + ".";
        String namesKey = prefix + "names";
        List<String> names = new ArrayList<>();
        for (String raw : list(namesKey)) {
            String name;
            try {
                name = HostNames.normalizeConfiguredName(raw);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(namesKey, e.getMessage());
            }
            String owner = nameOwners.putIfAbsent(name, id);
            if (owner != null) {
                throw new ConfigException(namesKey, "host name '" + name + "' is already in host group '" + owner + "'");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new ConfigException(namesKey, "host group '" + id + "' is listed in certgate.hosts but has no names"
                    + " (expected e.g. api.example.com,*.api.example.com)");
        }

        List<Rule> hostRules = new ArrayList<>();
        boolean mtls = bool(prefix + "mtls", true);
        if (mtls) {
            hostRules.add(mtlsRule(id, names, prefix + "mtls", lists, defaultResponse));
        }
        hostRules.addAll(rules(prefix + "rules", prefix + "rule.", "host group '" + id + "'", lists, defaultResponse));

        String trustKey = prefix + "trust";
        Optional<TrustAnchors> trust = trust(trustKey);
        if (trust.isEmpty()) {
            trust = defaultTrust;
        }
        if (trust.isEmpty() && mtls && !trustContainer) {
            throw new ConfigException(trustKey, "host group '" + id + "' requires client certificates (mtls=true) but"
                    + " has no trust anchor; set " + trustKey + " or certgate.trust to the CA certificates (PEM) of"
                    + " its clients");
        }
        List<Rule> all = new ArrayList<>(hostRules);
        all.addAll(globalRules);
        ClientCertificateResolver certs = resolver(prefix, trustKey, trust, trustContainer, cacheSize, all,
                "host group '" + id + "'");
        return new HostGroup(id, names, hostRules, globalRules, certs);
    }

    private ClientCertificateResolver resolver(String prefix, String trustKey, Optional<TrustAnchors> trust,
                                               boolean trustContainer, int cacheSize, List<Rule> rules,
                                               String what) throws ConfigException {
        if (trust.isEmpty() && !trustContainer) {
            for (Rule rule : rules) {
                for (Field f : rule.expression().fields()) {
                    if (f.needsTrustAnchor()) {
                        throw new ConfigException(trustKey, "rule '" + rule.id() + "' (" + rule.origin() + ") reads "
                                + f.fieldName() + " but " + what + " has no trust anchor, so no certificate could"
                                + " ever verify; set " + trustKey + " or certgate.trust");
                    }
                }
            }
        }
        TrustAnchors anchors = trust.orElse(TrustAnchors.of(List.of(), "(none)"));
        RevocationPolicy revocation = revocation(prefix, anchors);
        return new ClientCertificateResolver(new ChainVerifier(anchors), revocation, trustContainer, cacheSize);
    }

    private RevocationPolicy revocation(String prefix, TrustAnchors anchors) throws ConfigException {
        RevocationSettings settings = new RevocationSettings(source, prefix + "revocation.", "certgate.revocation.");
        try {
            RevocationPolicy policy = RevocationPolicy.create(settings, anchors.certificates(), scheduler(), clock);
            resources.add(policy);
            return policy;
        } catch (RevocationConfigException e) {
            throw ConfigException.withMessage(settings.lastProperty(), e.getMessage(), e);
        }
    }

    private ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "certgate-refresh");
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            scheduler = executor;
            resources.add(executor::shutdownNow);
        }
        return scheduler;
    }

    /** The dashboard's mTLS rule for the group's names, as a compiled expression like any other. */
    private Rule mtlsRule(String groupId, List<String> names, String key, NamedLists lists,
                          BlockResponse defaultResponse) throws ConfigException {
        String expression = mtlsExpression(names);
        try {
            return new Rule("mtls", "mTLS: a valid client certificate is required for host group '" + groupId + "'",
                    Expression.compile(expression, lists), Action.BLOCK, false, defaultResponse, key);
        } catch (RuleSyntaxException e) {
            throw new IllegalStateException("generated mTLS rule does not compile: " + expression, e);
        }
    }

    /**
     * Blocks every host that no group names (the default): the client chooses the Host header, and
     * in a servlet container any name it picks reaches the same servlets.
     */
    private Rule unmatchedHostRule(NamedLists lists, BlockResponse defaultResponse) {
        try {
            return new Rule(Policy.UNMATCHED_HOST_RULE, "the host is in no host group (certgate.on-unmatched-host=block)",
                    Expression.compile("true", lists), Action.BLOCK, false, defaultResponse, "certgate.on-unmatched-host");
        } catch (RuleSyntaxException e) {
            throw new IllegalStateException("the constant rule does not compile", e);
        }
    }

    /** {@code (http.host in {"a.example"} and not cf.tls_client_auth.cert_verified)}, wildcards as {@code wildcard}. */
    static String mtlsExpression(List<String> names) {
        List<String> exact = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        for (String name : names) {
            if (HostNames.isWildcard(name)) {
                terms.add("http.host wildcard \"" + name + "\"");
            } else {
                exact.add("\"" + name + "\"");
            }
        }
        if (!exact.isEmpty()) {
            terms.add(0, "http.host in {" + String.join(" ", exact) + "}");
        }
        String hostTerm = terms.size() == 1 ? terms.get(0) : "(" + String.join(" or ", terms) + ")";
        return "(" + hostTerm + " and not cf.tls_client_auth.cert_verified)";
    }

    private List<Rule> rules(String listKey, String rulePrefix, String scope, NamedLists lists,
                             BlockResponse defaultResponse) throws ConfigException {
        List<Rule> rules = new ArrayList<>();
        for (String id : ids(listKey)) {
            String p = rulePrefix + id + ".";
            String exprKey = p + "expression";
            String expression = source.get(exprKey).orElseThrow(() -> new ConfigException(exprKey,
                    "rule '" + id + "' is listed in " + listKey + " but has no expression"));
            Action action;
            String actionKey = p + "action";
            try {
                action = Action.parse(source.get(actionKey).orElseThrow(() -> new ConfigException(actionKey,
                        "rule '" + id + "' has no action (expected block, allow, skip or log)")));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(actionKey, e.getMessage());
            }
            Expression compiled;
            try {
                compiled = Expression.compile(expression, lists);
            } catch (RuleSyntaxException e) {
                throw new ConfigException(exprKey, "rule '" + id + "' (" + scope + ") is not a valid expression:\n"
                        + e.getMessage(), e);
            }
            String description = source.get(p + "description").orElse("");
            boolean reportOnly = bool(p + "report-only", false);
            BlockResponse response = blockResponse(p + "response", defaultResponse);
            if (action != Action.BLOCK && response != defaultResponse) {
                throw new ConfigException(p + "response.status", "a response is only used by block rules, but rule '"
                        + id + "' is " + action.configName());
            }
            rules.add(new Rule(id, description, compiled, action, reportOnly, response, p.substring(0, p.length() - 1)));
        }
        return rules;
    }

    private BlockResponse blockResponse(String prefix, BlockResponse fallback) throws ConfigException {
        Optional<String> status = source.get(prefix + ".status");
        Optional<String> type = source.get(prefix + ".content-type");
        Optional<String> body = source.get(prefix + ".body");
        if (status.isEmpty() && type.isEmpty() && body.isEmpty()) {
            return fallback;
        }
        int code = status.isPresent() ? parseInt(prefix + ".status", status.get()) : fallback.status();
        if (type.isPresent() && body.isEmpty()) {
            throw new ConfigException(prefix + ".body", "a content type is set but no body");
        }
        try {
            return BlockResponse.of(code, type.orElse("text/plain; charset=utf-8"), body.orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(status.isPresent() && (code < 400 || code > 499) ? prefix + ".status"
                    : prefix + ".content-type", e.getMessage());
        }
    }

    private NamedLists namedLists() throws ConfigException {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (String name : ids("certgate.lists")) {
            String key = "certgate.list." + name;
            List<String> items = list(key);
            if (items.isEmpty()) {
                throw new ConfigException(key, "list '" + name + "' is declared in certgate.lists but has no items");
            }
            lists.put(name, items);
        }
        return lists.isEmpty() ? NamedLists.EMPTY : NamedLists.of(lists);
    }

    private Optional<TrustAnchors> trust(String key) throws ConfigException {
        List<String> locations = list(key);
        if (locations.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TrustAnchors.load(locations, classLoader));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage(), e);
        }
    }

    private List<String> ids(String key) throws ConfigException {
        List<String> ids = list(key);
        Set<String> seen = new LinkedHashSet<>();
        for (String id : ids) {
            if (!ID.matcher(id).matches()) {
                throw new ConfigException(key, "'" + id + "' is not a valid id (expected lower-case letters, digits,"
                        + " '-' and '_', starting with a letter or digit)");
            }
            if (!seen.add(id)) {
                throw new ConfigException(key, "'" + id + "' is listed twice");
            }
        }
        return ids;
    }

    private List<String> list(String key) {
        return source.get(key)
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private boolean bool(String key, boolean fallback) throws ConfigException {
        Optional<String> v = source.get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ConfigException(key, "expected true or false, got '" + v.get() + "'");
        }
    }

    private String choice(String key, String fallback, String... allowed) throws ConfigException {
        Optional<String> v = source.get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String value = v.get().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(value)) {
                return a;
            }
        }
        throw new ConfigException(key, "expected " + String.join(" or ", allowed) + ", got '" + v.get() + "'");
    }

    private int positiveInt(String key, int fallback) throws ConfigException {
        Optional<String> v = source.get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        int n = parseInt(key, v.get());
        if (n < 1) {
            throw new ConfigException(key, "expected a positive whole number, got '" + v.get() + "'");
        }
        return n;
    }

    private static int parseInt(String key, String text) throws ConfigException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "expected a whole number, got '" + text + "'");
        }
    }

    private void closeResources() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // best effort while failing start-up
            }
        }
    }
}
