package dev.certgate.bench.rules;

import dev.certgate.rules.Expression;
import dev.certgate.rules.NamedLists;
import dev.certgate.rules.RuleSyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rule evaluation: certgate's compiled expressions against hand-written Java (the floor).
 * Run: java -jar benchmarks/target/benchmarks.jar RulesBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RulesBenchmark {
    static final String DEFAULT_RULE =
            "(http.host in {\"api.example.com\"} and not cf.tls_client_auth.cert_verified)";
    static final String REVOKED_RULE =
            "(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked)";

    /** A realistic host: mTLS, per-path, method, IP, issuer-pinning and header-free rules. */
    static String[] twentyRuleSources() {
        String[] r = new String[20];
        for (int i = 0; i < 5; i++) {
            r[i] = "(http.host in {\"admin" + i + ".example.com\"} and not cf.tls_client_auth.cert_verified)";
            r[5 + i] = "(http.request.uri.path in {\"/admin/" + i + "\" \"/internal/" + i + "\"}"
                    + " and not cf.tls_client_auth.cert_verified)";
            r[10 + i] = "(http.request.method eq \"DELETE\" and http.request.uri.path wildcard \"/v" + i + "/*\")";
            r[15 + i] = "(ip.src in {10." + i + ".0.0/16 2001:db8:" + i + "::/48}"
                    + " or cf.tls_client_auth.cert_revoked"
                    + " or not (cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_issuer_ski eq \"A5AC554235DBA6D963B9CDE0185CFAD6E3F55E8F\"))";
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    static Predicate<BenchRequest>[] twentyHandWritten() {
        Predicate<BenchRequest>[] p = new Predicate[20];
        for (int i = 0; i < 5; i++) {
            String host = "admin" + i + ".example.com";
            String a = "/admin/" + i;
            String b = "/internal/" + i;
            String prefix = "/v" + i + "/";
            int second = i;
            p[i] = r -> r.host.equals(host) && !r.verified;
            p[5 + i] = r -> (r.path.equals(a) || r.path.equals(b)) && !r.verified;
            p[10 + i] = r -> r.method.equals("DELETE") && r.path.startsWith(prefix);
            p[15 + i] = r -> {
                return (r.ipV4 >>> 16) == (10 << 8 | second) || r.revoked
                        || !(r.verified && r.issuerSki.equals("A5AC554235DBA6D963B9CDE0185CFAD6E3F55E8F"));
            };
        }
        return p;
    }

    BenchRequest verifiedRequest;
    Expression defaultRule;
    Expression revokedRule;
    Expression[] twenty;
    Predicate<BenchRequest>[] twentyHand;
    Map<String, Expression[]> hosts;
    Map<String, Predicate<BenchRequest>[]> hostsHand;

    @Setup
    public void setup() throws RuleSyntaxException {
        verifiedRequest = new BenchRequest("api.example.com", "/v9/users/42", "GET", "192.0.2.7", true, false,
                "A5AC554235DBA6D963B9CDE0185CFAD6E3F55E8F");
        defaultRule = Expression.compile(DEFAULT_RULE, NamedLists.EMPTY);
        revokedRule = Expression.compile(REVOKED_RULE, NamedLists.EMPTY);
        String[] src = twentyRuleSources();
        twenty = new Expression[src.length];
        for (int i = 0; i < src.length; i++) {
            twenty[i] = Expression.compile(src[i], NamedLists.EMPTY);
        }
        twentyHand = twentyHandWritten();
        hosts = new HashMap<>();
        hostsHand = new HashMap<>();
        for (int h = 0; h < 100; h++) {
            String host = h == 42 ? "api.example.com" : "h" + h + ".example.com";
            Expression[] rules = new Expression[5];
            @SuppressWarnings("unchecked")
            Predicate<BenchRequest>[] hand = new Predicate[5];
            for (int k = 0; k < 5; k++) {
                rules[k] = twenty[k * 4 + (h % 4)];
                hand[k] = twentyHand[k * 4 + (h % 4)];
            }
            hosts.put(host, rules);
            hostsHand.put(host, hand);
        }
        if (defaultRule.matches(verifiedRequest) || revokedRule.matches(verifiedRequest) || twentyRules(verifiedRequest) != 0
                || hostRules(verifiedRequest) != 0) {
            throw new IllegalStateException("the benchmark request must match no rule");
        }
    }

    @Benchmark
    public boolean defaultRule() {
        return defaultRule.matches(verifiedRequest);
    }

    @Benchmark
    public boolean defaultRuleHandWritten() {
        BenchRequest r = verifiedRequest;
        return r.host.equals("api.example.com") && !r.verified;
    }

    @Benchmark
    public boolean revokedRule() {
        return revokedRule.matches(verifiedRequest);
    }

    @Benchmark
    public boolean revokedRuleHandWritten() {
        BenchRequest r = verifiedRequest;
        return !r.verified || r.revoked;
    }

    @Benchmark
    public int twentyRules() {
        return twentyRules(verifiedRequest);
    }

    int twentyRules(BenchRequest r) {
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
        int matched = 0;
        for (Predicate<BenchRequest> p : twentyHand) {
            if (p.test(verifiedRequest)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int hundredHostsFiveRules() {
        return hostRules(verifiedRequest);
    }

    int hostRules(BenchRequest r) {
        Expression[] rules = hosts.get(r.host);
        int matched = 0;
        for (Expression e : rules) {
            if (e.matches(r)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int hundredHostsFiveRulesHandWritten() {
        Predicate<BenchRequest>[] rules = hostsHand.get(verifiedRequest.host);
        int matched = 0;
        for (Predicate<BenchRequest> p : rules) {
            if (p.test(verifiedRequest)) {
                matched++;
            }
        }
        return matched;
    }
}
