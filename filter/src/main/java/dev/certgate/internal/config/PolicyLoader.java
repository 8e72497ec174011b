package dev.certgate.internal.config;

import dev.certgate.internal.facts.ClientCertificateResolver;
import dev.certgate.internal.forwarding.Forwarding;
import dev.certgate.internal.policy.Action;
import dev.certgate.internal.policy.BlockResponse;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.HostNames;
import dev.certgate.internal.policy.Policy;
import dev.certgate.internal.policy.Rule;
import dev.certgate.internal.principal.PrincipalMappings;
import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.rules.Expression;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.NamedLists;
import dev.certgate.internal.rules.RuleSyntaxException;
import dev.certgate.internal.settings.Key;
import dev.certgate.internal.settings.Keys;
import dev.certgate.internal.settings.SettingReader;
import dev.certgate.internal.trust.ChainVerifier;
import dev.certgate.internal.trust.TrustAnchors;
import dev.certgate.revocation.RevocationConfigException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.UnaryOperator;

/**
 * Reads the {@code certgate.*} properties into an immutable, validated {@link Policy}. Every problem
 * fails the whole load with a {@link ConfigException} naming the property: a deployment never runs
 * with half a policy. Only exact names are looked up (portable to every MicroProfile Config
 * implementation and to environment variables); lists of ids say which names exist. Every key and
 * default comes from the catalogue ({@link Keys}), every value through one {@link SettingReader}.
 */
public final class PolicyLoader {
    private final PropertySource source;

    private final SettingReader<ConfigException> read;
    private final Map<String, List<String>> ruleIds = new LinkedHashMap<>();
    private final Map<String, List<String>> checkers = new LinkedHashMap<>();
    private final ClassLoader classLoader;
    private final Clock clock;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Carryover previous;
    private Carryover next;
    /** {@code certgate.request-body.max-size} when body fields are enabled, else 0. */
    private int bodyLimit;

    private ScheduledExecutorService scheduler;

    private PolicyLoader(PropertySource source, ClassLoader classLoader, Clock clock, Carryover previous) {
        this.source = source;
        this.read = SettingReader.of(source::get, ConfigException::new);
        this.classLoader = classLoader;
        this.clock = clock;
        this.previous = previous;
    }

    /**
     * Loads and validates the whole policy.
     *
     * @param extraKeys further {@code certgate.*} keys, outside the catalogue, that the caller reads
     *                  itself (so they are not "unknown")
     */
    public static Policy load(PropertySource source, ClassLoader classLoader, Clock clock, Set<String> extraKeys)
            throws ConfigException {
        return load(source, classLoader, clock, extraKeys, Carryover.none()).policy();
    }

    /**
     * Loads and validates the whole policy exactly as {@link #load(PropertySource, ClassLoader, Clock, Set)},
     * keeping from {@code previous} what is still valid (a reload): see {@link Carryover}.
     */
    public static Loaded load(
            PropertySource source, ClassLoader classLoader, Clock clock, Set<String> extraKeys, Carryover previous)
            throws ConfigException {
        PolicyLoader loader = new PolicyLoader(source, classLoader, clock, previous);
        try {
            Policy policy = loader.load(extraKeys);
            return new Loaded(policy, loader.next());
        } catch (ConfigException | RuntimeException e) {
            loader.closeResources();
            throw e;
        }
    }

    /** A loaded policy and what the next load may keep of it. */
    public record Loaded(Policy policy, Carryover carryover) {}

    private Carryover next() {
        if (next == null) {
            scheduler();
        }
        return next;
    }

    private Policy load(Set<String> extraKeys) throws ConfigException {
        boolean enabled = read.bool(Keys.ENABLED);
        boolean reportOnly = read.choice(Keys.MODE).equals("report-only");
        boolean failOpen = read.choice(Keys.ON_ERROR).equals("allow");
        boolean trustContainer = read.choice(Keys.VERIFICATION).equals("container");
        int cacheSize = read.positiveInt(Keys.VERIFICATION_CACHE_SIZE);
        BlockResponse defaultResponse =
                blockResponse(Keys.BLOCK_STATUS, Keys.BLOCK_CONTENT_TYPE, Keys.BLOCK_BODY, BlockResponse.DEFAULT);
        NamedLists lists = namedLists();
        bodyLimit = requestBodyLimit();

        Optional<TrustAnchors> defaultTrust = trust(Keys.TRUST);
        List<Rule> globalRules = rules(Keys.RULES_LIST, "", key -> key, "global", lists, defaultResponse);

        List<HostGroup> groups = new ArrayList<>();
        Map<String, String> nameOwners = new LinkedHashMap<>();
        List<String> hostIds = ids(Keys.HOSTS);
        for (String id : hostIds) {
            groups.add(hostGroup(
                    id, defaultTrust, globalRules, lists, defaultResponse, trustContainer, cacheSize, nameOwners));
        }
        ClientCertificateResolver fallbackCerts = resolver(
                Keys.REVOCATION_PREFIX,
                Keys.TRUST.name(),
                defaultTrust,
                trustContainer,
                cacheSize,
                globalRules,
                "hosts without a host group");
        List<Rule> unmatchedRules = new ArrayList<>();
        // Blocked by default: in a servlet container an unlisted host reaches the same application.
        if (read.choice(Keys.ON_UNMATCHED_HOST).equals("block")) {
            unmatchedRules.add(unmatchedHostRule(lists, defaultResponse));
        }
        HostGroup fallback =
                new HostGroup("(default)", List.of(), unmatchedRules, globalRules, fallbackCerts, bodyLimit);
        Forwarding forwarding =
                ForwardingLoader.load(source, groups.stream().map(HostGroup::id).toList(), fallback.id());

        Map<String, List<String>> roleIds = new LinkedHashMap<>();
        PrincipalMappings principals = PrincipalSettings.read(read, hostIds, lists, roleIds);

        checkers.put("", read.list(Keys.REVOCATION_CHECKERS));
        for (String id : hostIds) {
            checkers.put(id, read.list(Keys.REVOCATION_CHECKERS.inHost(id)));
        }
        Set<String> unknown =
                new KnownKeys(hostIds, ruleIds, roleIds, lists.names(), checkers, extraKeys).unknown(source.names());
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            String all = unknown.size() > 1 ? " (unknown: " + String.join(", ", unknown) + ")" : "";
            throw new ConfigException(
                    first,
                    "unknown certgate property" + all
                            + "; check the spelling and that its id is listed (certgate.hosts, .rules, certgate.lists);"
                            + " see docs/configuration.md");
        }
        return new Policy(
                new Policy.Mode(enabled, reportOnly, failOpen),
                groups,
                fallback,
                forwarding,
                defaultResponse,
                principals,
                resources,
                clock);
    }

    private HostGroup hostGroup(
            String id,
            Optional<TrustAnchors> defaultTrust,
            List<Rule> globalRules,
            NamedLists lists,
            BlockResponse defaultResponse,
            boolean trustContainer,
            int cacheSize,
            Map<String, String> nameOwners)
            throws ConfigException {
        Key namesKey = Keys.HOST_NAMES.of(id);
        List<String> names = new ArrayList<>();
        for (String raw : read.list(namesKey)) {
            String name;
            try {
                name = HostNames.normalizeConfiguredName(raw);
            } catch (IllegalArgumentException e) {
                throw read.invalid(namesKey, e.getMessage());
            }
            String owner = nameOwners.putIfAbsent(name, id);
            if (owner != null) {
                throw read.invalid(namesKey, "host name '" + name + "' is already in host group '" + owner + "'");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw read.invalid(
                    namesKey,
                    "host group '" + id + "' is listed in " + Keys.HOSTS + " but has no names"
                            + " (expected e.g. api.example.com,*.api.example.com)");
        }

        List<Rule> hostRules = new ArrayList<>();
        Key mtlsKey = Keys.HOST_MTLS.of(id);
        boolean mtls = read.bool(mtlsKey);
        if (mtls) {
            hostRules.add(mtlsRule(id, names, mtlsKey.name(), lists, defaultResponse));
        }
        hostRules.addAll(rules(
                Keys.HOST_RULES.of(id), id, key -> key.inHost(id), "host group '" + id + "'", lists, defaultResponse));

        String trustKey = Keys.HOST_TRUST.of(id).name();
        Optional<TrustAnchors> trust = trust(Keys.HOST_TRUST.of(id));
        if (trust.isEmpty()) {
            trust = defaultTrust;
        }
        if (trust.isEmpty() && mtls && !trustContainer) {
            throw new ConfigException(
                    trustKey,
                    "host group '" + id + "' requires client certificates (mtls=true) but"
                            + " has no trust anchor; set " + trustKey + " or " + Keys.TRUST
                            + " to the CA certificates (PEM) of"
                            + " its clients");
        }
        List<Rule> all = new ArrayList<>(hostRules);
        all.addAll(globalRules);
        ClientCertificateResolver certs = resolver(
                Keys.hostRevocationPrefix(id),
                trustKey,
                trust,
                trustContainer,
                cacheSize,
                all,
                "host group '" + id + "'");
        return new HostGroup(id, names, hostRules, globalRules, certs, bodyLimit);
    }

    private ClientCertificateResolver resolver(
            String revocationPrefix,
            String trustKey,
            Optional<TrustAnchors> trust,
            boolean trustContainer,
            int cacheSize,
            List<Rule> rules,
            String what)
            throws ConfigException {
        if (trust.isEmpty() && !trustContainer) {
            for (Rule rule : rules) {
                for (Field f : rule.expression().fields()) {
                    if (f.needsTrustAnchor()) {
                        throw new ConfigException(
                                trustKey,
                                "rule '" + rule.id() + "' (" + rule.origin() + ") reads "
                                        + f.fieldName() + " but " + what
                                        + " has no trust anchor, so no certificate could"
                                        + " ever verify; set " + trustKey + " or " + Keys.TRUST);
                    }
                }
            }
        }
        TrustAnchors anchors = trust.orElse(TrustAnchors.of(List.of(), "(none)"));
        RevocationPolicy revocation = revocation(revocationPrefix, anchors);
        ClientCertificateResolver resolver =
                new ClientCertificateResolver(new ChainVerifier(anchors), revocation, trustContainer, cacheSize);
        // A reload keeps the verified chains of unchanged anchors: no client pays a new path validation.
        Carryover.KeptResolver kept = previous.resolvers.get(revocationPrefix);
        if (kept != null
                && kept.trustContainer() == trustContainer
                && kept.anchors().equals(anchors.certificates())) {
            resolver.adoptVerifiedChains(kept.resolver());
        }
        next().resolvers
                .put(revocationPrefix, new Carryover.KeptResolver(anchors.certificates(), trustContainer, resolver));
        return resolver;
    }

    private RevocationPolicy revocation(String prefix, TrustAnchors anchors) throws ConfigException {
        RevocationSettings settings = new RevocationSettings(source, prefix, Keys.REVOCATION_PREFIX);
        String checkersKey = Keys.REVOCATION_CHECKERS.relativeTo(Keys.REVOCATION_PREFIX);
        Carryover.KeptRevocation kept = previous.revocations.get(prefix);
        if (kept != null && kept.anchors().equals(anchors.certificates()) && unchanged(kept, settings)) {
            // Same settings, files and anchors: keep its CRL indexes and OCSP answers.
            resources.add(kept.policy().retain());
            next().revocations.put(prefix, kept);
            return kept.policy().get();
        }
        Map<String, Optional<String>> readSettings = new LinkedHashMap<>();
        dev.certgate.internal.revocation.Settings recording = new dev.certgate.internal.revocation.Settings() {
            @Override
            public Optional<String> get(String key) {
                Optional<String> v = settings.get(key);
                readSettings.put(key, v);
                return v;
            }

            @Override
            public String propertyName(String key) {
                return settings.propertyName(key);
            }
        };
        try {
            RevocationPolicy policy = RevocationPolicy.create(recording, anchors.certificates(), scheduler(), clock);
            SharedResource<RevocationPolicy> shared = new SharedResource<>(policy);
            resources.add(shared.retain());
            next().revocations
                    .put(
                            prefix,
                            new Carryover.KeptRevocation(
                                    anchors.certificates(),
                                    Map.copyOf(readSettings),
                                    FileStamps.of(values(readSettings)),
                                    shared));
            return policy;
        } catch (RevocationConfigException e) {
            // A plug-in's exception made without a property is blamed on the setting that chose the plug-in.
            throw ConfigException.withMessage(
                    e.property().orElse(settings.propertyName(checkersKey)), e.getMessage(), e);
        }
    }

    /** Every setting the kept checkers read has the same value now, and the files they name are unchanged. */
    private static boolean unchanged(Carryover.KeptRevocation kept, RevocationSettings settings) {
        for (Map.Entry<String, Optional<String>> e : kept.settingsRead().entrySet()) {
            if (!settings.get(e.getKey()).equals(e.getValue())) {
                return false;
            }
        }
        return FileStamps.of(values(kept.settingsRead())).equals(kept.files());
    }

    private static List<String> values(Map<String, Optional<String>> settings) {
        return settings.values().stream().flatMap(Optional::stream).toList();
    }

    private ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            if (previous.scheduler != null) {
                scheduler = previous.executor;
                resources.add(previous.scheduler.retain());
                next = new Carryover(previous.scheduler, previous.executor);
                return scheduler;
            }
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "certgate-refresh");
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            scheduler = executor;
            SharedResource<AutoCloseable> shared = new SharedResource<>(executor::shutdownNow);
            resources.add(shared.retain());
            next = new Carryover(shared, executor);
        }
        return scheduler;
    }

    /** The dashboard's mTLS rule for the group's names, as a compiled expression like any other. */
    private Rule mtlsRule(
            String groupId, List<String> names, String key, NamedLists lists, BlockResponse defaultResponse)
            throws ConfigException {
        String expression = mtlsExpression(names);
        try {
            return new Rule(
                    "mtls",
                    "mTLS: a valid client certificate is required for host group '" + groupId + "'",
                    Expression.compile(expression, lists),
                    Action.BLOCK,
                    false,
                    defaultResponse,
                    key);
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
            return new Rule(
                    Policy.UNMATCHED_HOST_RULE,
                    "the host is in no host group (certgate.on-unmatched-host=block)",
                    Expression.compile("true", lists),
                    Action.BLOCK,
                    false,
                    defaultResponse,
                    Keys.ON_UNMATCHED_HOST.name());
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

    /**
     * The rules listed in listKey; scope turns a catalogued rule key into this list's spelling
     * (global, or a host group's), scopeId is "" for the global rules or the host group's id.
     */
    private List<Rule> rules(
            Key listKey,
            String scopeId,
            UnaryOperator<Key> scope,
            String scopeName,
            NamedLists lists,
            BlockResponse defaultResponse)
            throws ConfigException {
        List<Rule> rules = new ArrayList<>();
        List<String> ids = ids(listKey);
        ruleIds.put(scopeId, ids);
        for (String id : ids) {
            Key exprKey = scope.apply(Keys.RULE_EXPRESSION).of(id);
            String expression = read.string(exprKey)
                    .orElseThrow(() -> read.invalid(
                            exprKey, "rule '" + id + "' is listed in " + listKey + " but has no expression"));
            Action action;
            Key actionKey = scope.apply(Keys.RULE_ACTION).of(id);
            try {
                action = Action.parse(read.string(actionKey)
                        .orElseThrow(() -> read.invalid(
                                actionKey, "rule '" + id + "' has no action (expected block, allow, skip or log)")));
            } catch (IllegalArgumentException e) {
                throw read.invalid(actionKey, e.getMessage());
            }
            Expression compiled;
            try {
                compiled = Expression.compile(expression, lists);
            } catch (RuleSyntaxException e) {
                if (e.listName().isPresent()) {
                    // The list's item is at fault, not the rule that happens to use it first.
                    throw new ConfigException(
                            Keys.LIST_ITEMS.of(e.listName().get()).name(),
                            e.problem() + " (used by rule '" + id + "', " + exprKey + ")",
                            e);
                }
                throw new ConfigException(
                        exprKey.name(),
                        "rule '" + id + "' (" + scopeName + ") is not a valid expression:\n" + e.getMessage(),
                        e);
            }
            if (bodyLimit == 0) {
                Optional<Field> bodyField =
                        compiled.fields().stream().filter(Field::bodyField).findFirst();
                if (bodyField.isPresent()) {
                    throw new ConfigException(
                            exprKey.name(),
                            "rule '" + id + "' reads "
                                    + bodyField.get().fieldName() + ", but request bodies are read only with "
                                    + Keys.REQUEST_BODY_ENABLED.name() + "=true (see docs/rules.md, \"Request body\")");
                }
            }
            String description =
                    read.string(scope.apply(Keys.RULE_DESCRIPTION).of(id)).orElse("");
            boolean reportOnly = read.bool(scope.apply(Keys.RULE_REPORT_ONLY).of(id));
            Key statusKey = scope.apply(Keys.RULE_RESPONSE_STATUS).of(id);
            BlockResponse response = blockResponse(
                    statusKey,
                    scope.apply(Keys.RULE_RESPONSE_CONTENT_TYPE).of(id),
                    scope.apply(Keys.RULE_RESPONSE_BODY).of(id),
                    defaultResponse);
            if (action != Action.BLOCK && response != defaultResponse) {
                throw read.invalid(
                        statusKey,
                        "a response is only used by block rules, but rule '" + id + "' is " + action.configName());
            }
            String origin = exprKey.name().substring(0, exprKey.name().lastIndexOf('.'));
            rules.add(new Rule(id, description, compiled, action, reportOnly, response, origin));
        }
        return rules;
    }

    /** Body fields are opt-in; their size cap is checked here so a bad value fails start-up. */
    private int requestBodyLimit() throws ConfigException {
        if (!read.bool(Keys.REQUEST_BODY_ENABLED)) {
            read.size(Keys.REQUEST_BODY_MAX_SIZE); // still validated
            return 0;
        }
        long max = read.size(Keys.REQUEST_BODY_MAX_SIZE);
        if (max < 1 || max > MAX_BODY_LIMIT) {
            throw read.invalid(Keys.REQUEST_BODY_MAX_SIZE, "expected a size from 1 to 16MiB, got " + max + " bytes");
        }
        return (int) max;
    }

    private static final long MAX_BODY_LIMIT = 16L * 1024 * 1024;

    private BlockResponse blockResponse(Key statusKey, Key typeKey, Key bodyKey, BlockResponse fallback)
            throws ConfigException {
        Optional<String> status = read.string(statusKey);
        Optional<String> type = read.string(typeKey);
        Optional<String> body = read.string(bodyKey);
        if (status.isEmpty() && type.isEmpty() && body.isEmpty()) {
            return fallback;
        }
        int code = status.isPresent() ? read.wholeNumber(statusKey, status.get()) : fallback.status();
        if (type.isPresent() && body.isEmpty()) {
            throw read.invalid(bodyKey, "a content type is set but no body");
        }
        try {
            return BlockResponse.of(
                    code, type.orElse(Keys.BLOCK_CONTENT_TYPE.defaultValue().orElseThrow()), body.orElse(null));
        } catch (IllegalArgumentException e) {
            throw read.invalid(status.isPresent() && (code < 400 || code > 499) ? statusKey : typeKey, e.getMessage());
        }
    }

    private NamedLists namedLists() throws ConfigException {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (String name : ids(Keys.LISTS_DECLARED)) {
            Key key = Keys.LIST_ITEMS.of(name);
            List<String> items = read.list(key);
            if (items.isEmpty()) {
                throw read.invalid(
                        key, "list '" + name + "' is declared in " + Keys.LISTS_DECLARED + " but has no items");
            }
            lists.put(name, items);
        }
        return lists.isEmpty() ? NamedLists.EMPTY : NamedLists.of(lists);
    }

    private Optional<TrustAnchors> trust(Key key) throws ConfigException {
        List<String> locations = read.list(key);
        if (locations.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TrustAnchors.load(locations, classLoader));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.name(), e.getMessage(), e);
        }
    }

    /** Rule, host-group and list ids: lower-case letters, digits, '-' and '_'. */
    private List<String> ids(Key key) throws ConfigException {
        return read.ids(key, "id");
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
