package dev.certgate.bench.rules;

import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import dev.certgate.internal.facts.RuleResults;
import dev.certgate.internal.rules.Expression;
import dev.certgate.internal.rules.NamedLists;
import dev.certgate.internal.rules.RuleSet;
import dev.certgate.internal.rules.RuleSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlExpression;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rule evaluation: certgate's compiled expressions against hand-written Java (the floor) and the
 * engines a user might otherwise pick: Spring SpEL compiled ({@link SpelRules}), Apache Commons
 * JEXL ({@link JexlRules}) and CEL-Java ({@link CelRules}), each with the same rules translated.
 * Setup checks that every engine gives certgate's answer, rule by rule, on several requests.
 * Every method evaluates the next request of one rotation ({@link #rotation}): the same sequence
 * for every engine, mostly requests that match nothing. A constant request would let the JIT fold
 * the hand-written and SpEL variants into a constant; production sees a different request each time.
 * Run: java -jar benchmarks/target/benchmarks.jar RulesBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RulesBenchmark {
    static final String DEFAULT_RULE = "(http.host in {\"api.example.com\"} and not cf.tls_client_auth.cert_verified)";
    static final String REVOKED_RULE = "(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked)";
    static final String SKI = "A5AC554235DBA6D963B9CDE0185CFAD6E3F55E8F";

    /**
     * A realistic host, five kinds of rule four times each: mTLS by host, by path, method and path
     * prefix, IP ranges with revocation and issuer pinning, and certificate/header checks that read
     * the way the filter's facts do: {@code contains} on the subject DN, a header looked up in the
     * header map, the SAN array.
     */
    static String[] twentyRuleSources() {
        String[] r = new String[20];
        for (int i = 0; i < 4; i++) {
            r[i] = "(http.host in {\"admin" + i + ".example.com\"} and not cf.tls_client_auth.cert_verified)";
            r[4 + i] = "(http.request.uri.path in {\"/admin/" + i + "\" \"/internal/" + i + "\"}"
                    + " and not cf.tls_client_auth.cert_verified)";
            r[8 + i] = "(http.request.method eq \"DELETE\" and http.request.uri.path wildcard \"/v" + i + "/*\")";
            r[12 + i] = "(ip.src in {10." + i + ".0.0/16 2001:db8:" + i + "::/48}"
                    + " or cf.tls_client_auth.cert_revoked"
                    + " or not (cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_issuer_ski eq \"" + SKI
                    + "\"))";
            r[16 + i] = "(cf.tls_client_auth.cert_subject_dn contains \"OU=Suspended" + i + "\""
                    + " or any(http.request.headers[\"x-tenant\"][*] eq \"blocked" + i + "\")"
                    + " or any(certgate.tls_client_auth.san.dns[*] eq \"evil" + i + ".example.com\"))";
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    static Predicate<BenchRequest>[] twentyHandWritten() {
        Predicate<BenchRequest>[] p = new Predicate[20];
        for (int i = 0; i < 4; i++) {
            String host = "admin" + i + ".example.com";
            String a = "/admin/" + i;
            String b = "/internal/" + i;
            String prefix = "/v" + i + "/";
            int v4Slash16 = 10 << 8 | i;
            long v6Slash48 = 0x2001_0DB8L << 16 | i;
            String ou = "OU=Suspended" + i;
            String tenant = "blocked" + i;
            String san = "evil" + i + ".example.com";
            p[i] = r -> r.host.equals(host) && !r.verified;
            p[4 + i] = r -> (r.path.equals(a) || r.path.equals(b)) && !r.verified;
            // wildcard folds ASCII case: a case-insensitive prefix match (no other letter folds to v)
            p[8 + i] = r -> r.method.equals("DELETE") && r.path.regionMatches(true, 0, prefix, 0, prefix.length());
            p[12 + i] = r -> (r.ipV4 >>> 16) == v4Slash16
                    || (r.ipV6Hi >>> 16) == v6Slash48
                    || r.revoked
                    || !(r.verified && r.issuerSki.equals(SKI));
            p[16 + i] = r -> r.subjectDn.contains(ou) || r.hasHeader("x-tenant", tenant) || r.sanDns.contains(san);
        }
        return p;
    }

    /** A request that matches no rule: the first of the checks. */
    BenchRequest verifiedRequest;

    /**
     * What every benchmark method evaluates, one request per call, in the same order for every
     * engine: {@link #rotation}, mostly requests that match nothing, as production traffic is.
     */
    BenchRequest[] requests;

    JexlContext[] jexlContexts;
    Map<String, Object>[] celActivations;
    CelVariableResolver[] celResolvers;
    /** The next request's index (masked): advanced once per call by every benchmark method. */
    private int next;

    private int nextIndex() {
        return next++ & (ROTATION - 1);
    }

    Expression defaultRule;
    Expression revokedRule;
    /** The default and the revoked rule as the filter runs a one-rule list: one pass with the chain's memo. */
    RuleSet defaultSet;

    RuleSet revokedSet;
    Expression[] twenty;
    /** The twenty as the filter runs a host group's list: one pass ({@link RuleSet}). */
    RuleSet twentySet;

    /** A host's rule list and the index of its group's memo in each chain ({@link BenchRequest#chainMemo}). */
    record HostRules(RuleSet set, int group) {}

    Map<String, HostRules> hostSets;

    /** Memo indexes of the benchmark's groups ({@link BenchRequest#GROUPS}); host h has {@code FIRST_HOST + h}. */
    static final int TWENTY = 0;

    static final int DEFAULT = 1;
    static final int REVOKED = 2;
    static final int FIRST_HOST = 3;
    Predicate<BenchRequest>[] twentyHand;
    Map<String, Expression[]> hosts;
    Map<String, Predicate<BenchRequest>[]> hostsHand;

    org.springframework.expression.Expression spelDefault;
    org.springframework.expression.Expression spelRevoked;
    org.springframework.expression.Expression[] spelTwenty;
    Map<String, org.springframework.expression.Expression[]> spelHosts;

    JexlExpression jexlDefault;
    JexlExpression jexlRevoked;
    JexlExpression[] jexlTwenty;
    Map<String, JexlExpression[]> jexlHosts;

    CelRuntime.Program celDefault;
    CelRuntime.Program celRevoked;
    CelRuntime.Program[] celTwenty;
    Map<String, CelRuntime.Program[]> celHosts;

    static String hostName(int h) {
        return h == 42 ? "api.example.com" : "h" + h + ".example.com";
    }

    /** Host h gets rules k * 4 + h % 4 (k = 0..4) of the twenty. */
    static <T> Map<String, T[]> hostMap(T[] twenty) {
        Map<String, T[]> m = new HashMap<>();
        for (int h = 0; h < 100; h++) {
            T[] rules = java.util.Arrays.copyOf(twenty, 5);
            for (int k = 0; k < 5; k++) {
                rules[k] = twenty[k * 4 + (h % 4)];
            }
            m.put(hostName(h), rules);
        }
        return m;
    }

    @Setup
    public void setup() throws RuleSyntaxException {
        verifiedRequest = new BenchRequest("api.example.com", "/v9/users/42", "GET", "192.0.2.7", true, false, SKI);
        defaultRule = Expression.compile(DEFAULT_RULE, NamedLists.EMPTY);
        revokedRule = Expression.compile(REVOKED_RULE, NamedLists.EMPTY);
        String[] src = twentyRuleSources();
        twenty = new Expression[src.length];
        for (int i = 0; i < src.length; i++) {
            twenty[i] = Expression.compile(src[i], NamedLists.EMPTY);
        }
        twentyHand = twentyHandWritten();
        twentySet = RuleSet.of(List.of(twenty));
        defaultSet = RuleSet.of(List.of(defaultRule));
        revokedSet = RuleSet.of(List.of(revokedRule));
        hosts = hostMap(twenty);
        hostSets = new HashMap<>();
        for (int h = 0; h < 100; h++) {
            hostSets.put(hostName(h), new HostRules(RuleSet.of(List.of(hosts.get(hostName(h)))), FIRST_HOST + h));
        }
        hostsHand = hostMap(twentyHand);

        List<BenchRequest> samples = sampleRequests(verifiedRequest);
        SpelRules spel = new SpelRules();
        spelDefault = spel.compile(SpelRules.DEFAULT_RULE, samples);
        spelRevoked = spel.compile(SpelRules.REVOKED_RULE, samples);
        spelTwenty = spel.compile(SpelRules.twentyRuleSources(), samples);
        spelHosts = hostMap(spelTwenty);

        JexlRules jexl = new JexlRules();
        jexlDefault = jexl.compile(JexlRules.DEFAULT_RULE);
        jexlRevoked = jexl.compile(JexlRules.REVOKED_RULE);
        jexlTwenty = jexl.compile(JexlRules.twentyRuleSources());
        jexlHosts = hostMap(jexlTwenty);

        CelRules cel = new CelRules();
        celDefault = cel.compile(CelRules.DEFAULT_RULE);
        celRevoked = cel.compile(CelRules.REVOKED_RULE);
        celTwenty = cel.compile(CelRules.twentyRuleSources());
        celHosts = hostMap(celTwenty);

        if (!defaultSet.generated() || !revokedSet.generated() || !twentySet.generated()) {
            throw new IllegalStateException("the benchmark's rule lists must run as generated code");
        }
        for (HostRules h : hostSets.values()) {
            if (!h.set.generated()) {
                throw new IllegalStateException("the benchmark's rule lists must run as generated code");
            }
        }
        if (defaultRule.matches(verifiedRequest)
                || revokedRule.matches(verifiedRequest)
                || twentyRules(verifiedRequest) != 0
                || hostRules(verifiedRequest) != 0) {
            throw new IllegalStateException("the benchmark request must match no rule");
        }
        checkPeersAgree(samples);

        requests = rotation().toArray(new BenchRequest[0]);
        jexlContexts = new JexlContext[ROTATION];
        celActivations = new Map[ROTATION];
        celResolvers = new CelVariableResolver[ROTATION];
        for (int k = 0; k < ROTATION; k++) {
            jexlContexts[k] = JexlRules.context(requests[k]);
            celActivations[k] = CelRules.activation(requests[k]);
            celResolvers[k] = CelRules.resolver(requests[k]);
        }
        int matching = checkRotation(requests);
        if (matching == 0 || matching > ROTATION / 4) {
            throw new IllegalStateException("the rotation must be mostly requests that match nothing: " + matching);
        }
    }

    static final int ROTATION = 64;

    /**
     * The requests the benchmark methods cycle through: hosts of the hundred (half of them
     * {@code api.example.com}, the default rule's), paths, methods, IPv4 and IPv6 addresses,
     * subjects, tenants and SANs that differ per request; about one in eight matches some rule
     * (unverified, revoked, another issuer, DELETE under /vN/, an address in a rule's CIDR, a
     * suspended OU, a blocked tenant, an evil SAN). No engine can fold a request into a constant,
     * and each meets the same sequence.
     */
    static List<BenchRequest> rotation() {
        List<BenchRequest> out = new ArrayList<>();
        String[] paths = {"/v9/users/", "/api/orders/", "/static/app.js?v=", "/admin/", "/v"};
        for (int k = 0; k < ROTATION; k++) {
            String host = k % 2 == 0 ? "api.example.com" : hostName(k * 37 % 100);
            String path = switch (k % 5) {
                case 3 -> "/admin/" + (k % 4);
                case 4 -> "/v" + (k % 6) + "/items";
                default -> paths[k % 5] + k;
            };
            String method = k == 44 ? "DELETE" : k % 4 == 1 ? "POST" : "GET";
            String ip = k == 13
                    ? "10.2.3.4"
                    : k % 3 == 0 ? "2001:db8:ff::" + Integer.toHexString(k + 1) : "192.0.2." + (k + 1);
            boolean verified = k % 16 != 7;
            boolean revoked = k == 29;
            String ski = k == 45 ? "00" + SKI.substring(2) : SKI;
            String subject = "CN=client " + k + (k == 21 ? ",OU=Suspended2" : ",OU=Engineering")
                    + ",O=Example Corp,L=Austin,ST=Texas,C=US";
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            headers.put("accept", List.of("*/*"));
            headers.put("user-agent", List.of("curl/8." + k % 9 + ".0"));
            headers.put("x-tenant", List.of(k == 37 ? "blocked1" : "tenant" + k % 5));
            List<String> sans = k == 53
                    ? List.of("client" + k + ".example.com", "evil0.example.com")
                    : List.of("client" + k + ".example.com", "api.example.com");
            out.add(new BenchRequest(host, path, method, ip, verified, revoked, ski, subject, headers, sans));
        }
        return out;
    }

    /** Every engine's answers on the rotation agree with certgate's; how many requests match something. */
    int checkRotation(BenchRequest[] rotation) {
        int matching = 0;
        for (int k = 0; k < rotation.length; k++) {
            BenchRequest r = rotation[k];
            int c = twentyRules(r) + hostRules(r) + (defaultRule.matches(r) ? 1 : 0) + (revokedRule.matches(r) ? 1 : 0);
            if (twentyIndexed(r) != twentyRules(r)) {
                throw new IllegalStateException("the indexed pass disagrees with the one-pass program on " + r);
            }
            long oneByOneBits = 0;
            for (int i = 0; i < twenty.length; i++) {
                oneByOneBits |= twenty[i].matches(r) ? 1L << i : 0;
            }
            if (twentySet.matching(r, 0, r.chainMemo(TWENTY)) != oneByOneBits
                    || twentySet.matching(r, 0, RuleResults::new) != oneByOneBits
                    || twentySet.matching(r, 0, null) != oneByOneBits
                    || (defaultSet.matching(r, 1, r.chainMemo(DEFAULT)) != 0) != defaultRule.matches(r)
                    || (revokedSet.matching(r, 1, r.chainMemo(REVOKED)) != 0) != revokedRule.matches(r)) {
                throw new IllegalStateException("a pass with the chain's memo disagrees with the rules alone on " + r);
            }
            int oneByOne = twentyOneByOne(r)
                    + hostRules(r)
                    + (defaultRule.matches(r) ? 1 : 0)
                    + (revokedRule.matches(r) ? 1 : 0);
            int hand = twentyHand(r)
                    + hostRulesHandWritten(r)
                    + (r.host.equals("api.example.com") && !r.verified ? 1 : 0)
                    + (!r.verified || r.revoked ? 1 : 0);
            int spel = twentySpel(r)
                    + hostRulesSpel(r)
                    + (SpelRules.matches(spelDefault, r) ? 1 : 0)
                    + (SpelRules.matches(spelRevoked, r) ? 1 : 0);
            int jexl = twentyJexl(jexlContexts[k])
                    + hostRulesJexl(r, jexlContexts[k])
                    + (JexlRules.matches(jexlDefault, jexlContexts[k]) ? 1 : 0)
                    + (JexlRules.matches(jexlRevoked, jexlContexts[k]) ? 1 : 0);
            int cel = twentyCel(celActivations[k])
                    + hostRulesCel(r, celActivations[k])
                    + (CelRules.matches(celDefault, celActivations[k]) ? 1 : 0)
                    + (CelRules.matches(celRevoked, celActivations[k]) ? 1 : 0);
            int celResolved = twentyCel(celResolvers[k])
                    + hostRulesCel(r, celResolvers[k])
                    + (CelRules.matches(celDefault, celResolvers[k]) ? 1 : 0)
                    + (CelRules.matches(celRevoked, celResolvers[k]) ? 1 : 0);
            if (oneByOne != c || hand != c || spel != c || jexl != c || cel != c || celResolved != c) {
                throw new IllegalStateException("engines disagree on " + r + ": certgate " + c + ", one by one "
                        + oneByOne + ", hand-written " + hand + ", SpEL " + spel + ", JEXL " + jexl + ", CEL " + cel
                        + "/" + celResolved);
            }
            for (int i = 0; i < 20; i++) {
                boolean alone = twenty[i].matches(r);
                if (twentySet.matches(i, twentySet.candidates(r), r) != alone
                        || twentyHand[i].test(r) != alone
                        || SpelRules.matches(spelTwenty[i], r) != alone) {
                    throw new IllegalStateException("rule " + i + " differs between engines on " + r);
                }
            }
            matching += c > 0 ? 1 : 0;
        }
        return matching;
    }

    /**
     * The benchmark request (first; it matches nothing), then requests that match some rules each
     * (case folding of wildcard, IPv4 and IPv6 CIDRs, revoked, wrong issuer), then one per i that
     * drives every branch of rules i, 5 + i, 10 + i and 15 + i (SpEL needs that to compile them).
     */
    static List<BenchRequest> sampleRequests(BenchRequest benchmarkRequest) {
        List<BenchRequest> requests = new ArrayList<>(List.of(
                benchmarkRequest,
                new BenchRequest("api.example.com", "/V3/Users", "DELETE", "10.3.200.1", false, true, "00"),
                new BenchRequest("admin2.example.com", "/internal/4", "DELETE", "2001:db8:3::1", true, false, SKI),
                new BenchRequest("admin1.example.com", "/admin/1", "POST", "10.5.0.1", false, false, SKI),
                new BenchRequest("h7.example.com", "/v1/x", "DELETE", "2001:db8:5::1", true, false, SKI + "0"),
                new BenchRequest("h13.example.com", "/v0/", "DELETE", "10.0.255.255", true, false, SKI),
                new BenchRequest("h2.example.com", "/admin/2", "GET", "11.0.0.1", false, false, SKI)));
        for (int i = 0; i < 4; i++) {
            requests.add(new BenchRequest(
                    "admin" + i + ".example.com", "/admin/" + i, "DELETE", "2001:db8:ff::1", false, false, SKI));
        }
        // the certificate and header rules, one branch each
        requests.add(new BenchRequest(
                "h5.example.com",
                "/",
                "GET",
                "192.0.2.8",
                true,
                false,
                SKI,
                "CN=c,OU=Suspended1,O=Example Corp",
                BenchRequest.HEADERS,
                BenchRequest.SANS));
        requests.add(new BenchRequest(
                "h6.example.com",
                "/",
                "GET",
                "192.0.2.8",
                true,
                false,
                SKI,
                BenchRequest.SUBJECT,
                java.util.Map.of("x-tenant", List.of("acme", "blocked2")),
                BenchRequest.SANS));
        requests.add(new BenchRequest(
                "h9.example.com",
                "/",
                "GET",
                "192.0.2.8",
                true,
                false,
                SKI,
                BenchRequest.SUBJECT,
                BenchRequest.HEADERS,
                List.of("ok.example.com", "evil3.example.com")));
        return requests;
    }

    /**
     * Every engine must give certgate's answer for every rule on each sample request, and the same
     * per-host match count; all but the benchmark request must match something.
     */
    void checkPeersAgree(List<BenchRequest> requests) {
        int matchedSomething = 0;
        for (BenchRequest r : requests) {
            JexlContext jc = JexlRules.context(r);
            Map<String, Object> ca = CelRules.activation(r);
            CelVariableResolver cr = CelRules.resolver(r);
            if (CelRules.matches(celDefault, cr) != CelRules.matches(celDefault, ca)
                    || CelRules.matches(celRevoked, cr) != CelRules.matches(celRevoked, ca)
                    || hosts.containsKey(r.host) && hostRulesCel(r, cr) != hostRulesCel(r, ca)) {
                throw new IllegalStateException("CEL with a resolver disagrees with CEL with a map on " + r);
            }
            for (CelRuntime.Program p : celTwenty) {
                if (CelRules.matches(p, cr) != CelRules.matches(p, ca)) {
                    throw new IllegalStateException("CEL with a resolver disagrees with CEL with a map on " + r);
                }
            }
            List<String> disagreements = new ArrayList<>();
            check(
                    disagreements,
                    r,
                    "default",
                    defaultRule.matches(r),
                    r.host.equals("api.example.com") && !r.verified,
                    SpelRules.matches(spelDefault, r),
                    JexlRules.matches(jexlDefault, jc),
                    CelRules.matches(celDefault, ca));
            check(
                    disagreements,
                    r,
                    "revoked",
                    revokedRule.matches(r),
                    !r.verified || r.revoked,
                    SpelRules.matches(spelRevoked, r),
                    JexlRules.matches(jexlRevoked, jc),
                    CelRules.matches(celRevoked, ca));
            int matched = 0;
            for (int i = 0; i < 20; i++) {
                boolean c = twenty[i].matches(r);
                if (twentySet.matches(i, twentySet.candidates(r), r) != c) {
                    disagreements.add("twenty[" + i + "] in one pass differs from alone");
                }
                matched += c ? 1 : 0;
                check(
                        disagreements,
                        r,
                        "twenty[" + i + "]",
                        c,
                        twentyHand[i].test(r),
                        SpelRules.matches(spelTwenty[i], r),
                        JexlRules.matches(jexlTwenty[i], jc),
                        CelRules.matches(celTwenty[i], ca));
            }
            if (hosts.containsKey(r.host)) {
                int c = hostRules(r);
                matched += c;
                if (hostRulesHandWritten(r) != c
                        || hostRulesSpel(r) != c
                        || hostRulesJexl(r, jc) != c
                        || hostRulesCel(r, ca) != c) {
                    disagreements.add("per-host rule count differs from certgate's " + c);
                }
            }
            if (!disagreements.isEmpty()) {
                throw new IllegalStateException("peers disagree with certgate on " + r + ": " + disagreements);
            }
            matchedSomething += matched > 0 ? 1 : 0;
        }
        if (matchedSomething != requests.size() - 1) {
            throw new IllegalStateException("every check request but the benchmark's must match some rule");
        }
    }

    private static void check(
            List<String> out,
            BenchRequest r,
            String rule,
            boolean certgate,
            boolean hand,
            boolean spel,
            boolean jexl,
            boolean cel) {
        if (hand != certgate || spel != certgate || jexl != certgate || cel != certgate) {
            out.add(rule + ": certgate " + certgate + ", hand-written " + hand + ", SpEL " + spel + ", JEXL " + jexl
                    + ", CEL " + cel);
        }
    }

    // ---- default mTLS rule

    /** As {@code Policy} runs a one-rule list: one pass with the chain's memo ({@code cert_verified} is read directly). */
    @Benchmark
    public boolean defaultRule() {
        BenchRequest r = requests[nextIndex()];
        return defaultSet.matching(r, 1, r.chainMemo(DEFAULT)) != 0;
    }

    /** The first request of a chain: its memo is new (allocated here, as a chain entering the cache gets one). */
    @Benchmark
    public boolean defaultRuleColdChain() {
        return defaultSet.matching(requests[nextIndex()], 1, freshMemo) != 0;
    }

    /** The memo of a chain entering the cache: kept (in a field, as the cache keeps it), so it is really allocated. */
    RuleResults lastFreshMemo;

    final java.util.function.Supplier<RuleResults> freshMemo = () -> lastFreshMemo = new RuleResults();

    /** The expression alone, without the list's pass or the chain's memo. */
    @Benchmark
    public boolean defaultRuleExpression() {
        return defaultRule.matches(requests[nextIndex()]);
    }

    @Benchmark
    public boolean defaultRuleHandWritten() {
        BenchRequest r = requests[nextIndex()];
        return r.host.equals("api.example.com") && !r.verified;
    }

    @Benchmark
    public boolean defaultRuleSpel() {
        return SpelRules.matches(spelDefault, requests[nextIndex()]);
    }

    @Benchmark
    public boolean defaultRuleJexl() {
        return JexlRules.matches(jexlDefault, jexlContexts[nextIndex()]);
    }

    @Benchmark
    public boolean defaultRuleCel() {
        return CelRules.matches(celDefault, celActivations[nextIndex()]);
    }

    @Benchmark
    public boolean defaultRuleCelResolver() {
        return CelRules.matches(celDefault, celResolvers[nextIndex()]);
    }

    // ---- revoked variant

    /**
     * As {@code Policy} runs it: {@code cert_verified} read directly (the chain's verdict, cheaper than
     * the memo), {@code cert_revoked} read (never remembered).
     */
    @Benchmark
    public boolean revokedRule() {
        BenchRequest r = requests[nextIndex()];
        return revokedSet.matching(r, 1, r.chainMemo(REVOKED)) != 0;
    }

    @Benchmark
    public boolean revokedRuleHandWritten() {
        BenchRequest r = requests[nextIndex()];
        return !r.verified || r.revoked;
    }

    @Benchmark
    public boolean revokedRuleSpel() {
        return SpelRules.matches(spelRevoked, requests[nextIndex()]);
    }

    @Benchmark
    public boolean revokedRuleJexl() {
        return JexlRules.matches(jexlRevoked, jexlContexts[nextIndex()]);
    }

    @Benchmark
    public boolean revokedRuleCel() {
        return CelRules.matches(celRevoked, celActivations[nextIndex()]);
    }

    @Benchmark
    public boolean revokedRuleCelResolver() {
        return CelRules.matches(celRevoked, celResolvers[nextIndex()]);
    }

    // ---- 20 rules of one host group

    @Benchmark
    public int twentyRules() {
        return twentyRules(requests[nextIndex()]);
    }

    /** As {@code Policy} runs a list: one pass, the chain's certificate-only answers from its memo. */
    int twentyRules(BenchRequest r) {
        return Long.bitCount(twentySet.matching(r, 0, r.chainMemo(TWENTY)));
    }

    /**
     * Every request brings a chain never seen before: its memo is new (allocated here, as a chain
     * entering the cache gets one), so every certificate-only test is evaluated and remembered.
     */
    @Benchmark
    public int twentyRulesColdChain() {
        return Long.bitCount(twentySet.matching(requests[nextIndex()], 0, freshMemo));
    }

    /**
     * The twenty as {@code Policy.evaluateList} ran them before the program: the set's literal index
     * ({@link RuleSet#candidates}), then each candidate rule's own evaluation, in order.
     */
    @Benchmark
    public int twentyRulesIndexed() {
        return twentyIndexed(requests[nextIndex()]);
    }

    int twentyIndexed(BenchRequest r) {
        long c = twentySet.candidates(r);
        int matched = 0;
        for (int i = 0; i < twenty.length; i++) {
            if (twentySet.matches(i, c, r)) {
                matched++;
            }
        }
        return matched;
    }

    /** The same twenty evaluated one by one, without the one-pass set: what the set saves. */
    @Benchmark
    public int twentyRulesOneByOne() {
        return twentyOneByOne(requests[nextIndex()]);
    }

    int twentyOneByOne(BenchRequest r) {
        int matched = 0;
        for (Expression e : twenty) {
            if (e.matches(r)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int twentyRulesHandWritten() {
        return twentyHand(requests[nextIndex()]);
    }

    int twentyHand(BenchRequest r) {
        int matched = 0;
        for (Predicate<BenchRequest> p : twentyHand) {
            if (p.test(r)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int twentyRulesSpel() {
        return twentySpel(requests[nextIndex()]);
    }

    int twentySpel(BenchRequest r) {
        int matched = 0;
        for (org.springframework.expression.Expression e : spelTwenty) {
            if (SpelRules.matches(e, r)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int twentyRulesJexl() {
        return twentyJexl(jexlContexts[nextIndex()]);
    }

    int twentyJexl(JexlContext c) {
        int matched = 0;
        for (JexlExpression e : jexlTwenty) {
            if (JexlRules.matches(e, c)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int twentyRulesCel() {
        return twentyCel(celActivations[nextIndex()]);
    }

    int twentyCel(Map<String, Object> activation) {
        int matched = 0;
        for (CelRuntime.Program p : celTwenty) {
            if (CelRules.matches(p, activation)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int twentyRulesCelResolver() {
        return twentyCel(celResolvers[nextIndex()]);
    }

    int twentyCel(CelVariableResolver resolver) {
        int matched = 0;
        for (CelRuntime.Program p : celTwenty) {
            if (CelRules.matches(p, resolver)) {
                matched++;
            }
        }
        return matched;
    }

    // ---- 100 hosts x 5 rules, the host's rules found by a map lookup

    @Benchmark
    public int hundredHostsFiveRules() {
        return hostRules(requests[nextIndex()]);
    }

    int hostRules(BenchRequest r) {
        HostRules rules = hostSets.get(r.host);
        return rules == null ? 0 : Long.bitCount(rules.set.matching(r, 0, r.chainMemo(rules.group)));
    }

    @Benchmark
    public int hundredHostsFiveRulesHandWritten() {
        return hostRulesHandWritten(requests[nextIndex()]);
    }

    int hostRulesHandWritten(BenchRequest r) {
        Predicate<BenchRequest>[] rules = hostsHand.get(r.host);
        if (rules == null) {
            return 0;
        }
        int matched = 0;
        for (Predicate<BenchRequest> p : rules) {
            if (p.test(r)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int hundredHostsFiveRulesSpel() {
        return hostRulesSpel(requests[nextIndex()]);
    }

    int hostRulesSpel(BenchRequest r) {
        org.springframework.expression.Expression[] rules = spelHosts.get(r.host);
        if (rules == null) {
            return 0;
        }
        int matched = 0;
        for (org.springframework.expression.Expression e : rules) {
            if (SpelRules.matches(e, r)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int hundredHostsFiveRulesJexl() {
        int k = nextIndex();
        return hostRulesJexl(requests[k], jexlContexts[k]);
    }

    int hostRulesJexl(BenchRequest r, JexlContext c) {
        JexlExpression[] rules = jexlHosts.get(r.host);
        if (rules == null) {
            return 0;
        }
        int matched = 0;
        for (JexlExpression e : rules) {
            if (JexlRules.matches(e, c)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int hundredHostsFiveRulesCel() {
        int k = nextIndex();
        return hostRulesCel(requests[k], celActivations[k]);
    }

    int hostRulesCel(BenchRequest r, Map<String, Object> activation) {
        CelRuntime.Program[] rules = celHosts.get(r.host);
        if (rules == null) {
            return 0;
        }
        int matched = 0;
        for (CelRuntime.Program p : rules) {
            if (CelRules.matches(p, activation)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int hundredHostsFiveRulesCelResolver() {
        int k = nextIndex();
        return hostRulesCel(requests[k], celResolvers[k]);
    }

    int hostRulesCel(BenchRequest r, CelVariableResolver resolver) {
        CelRuntime.Program[] rules = celHosts.get(r.host);
        if (rules == null) {
            return 0;
        }
        int matched = 0;
        for (CelRuntime.Program p : rules) {
            if (CelRules.matches(p, resolver)) {
                matched++;
            }
        }
        return matched;
    }
}
