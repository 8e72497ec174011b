package dev.certgate.bench.ops;

import dev.certgate.internal.config.MapSource;
import dev.certgate.internal.facts.RequestFacts;
import dev.certgate.internal.ops.Operations;
import dev.certgate.internal.policy.Decision;
import dev.certgate.internal.policy.HostMatch;
import dev.certgate.internal.policy.Policy;
import dev.certgate.testing.TestCa;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a refused request costs certgate's request path (issue 16's invalid-client mix): a request
 * without a certificate to an mTLS host, decided by the default rule, with and without recording
 * the decision event. In steady state the event is over its rate limit (5 per rule and client per
 * minute), so {@code blockWithEvent - blockDecisionOnly} is the cost of a suppressed event: a few
 * counter increments, no formatting.
 * Run: java -jar benchmarks/target/benchmarks.jar DecisionEventsBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionEventsBenchmark {
    private Operations ops;
    private Policy policy;
    private HttpServletRequest request;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("certgate-events-bench");
        Path ca = dir.resolve("ca.pem");
        TestCa.root("CN=bench CA").writePem(ca);
        Map<String, String> config = Map.of(
                "certgate.hosts",
                "api",
                "certgate.host.api.names",
                "api.example.com",
                "certgate.host.api.trust",
                ca.toString(),
                "certgate.reload.interval",
                "off",
                "certgate.jmx.enabled",
                "false",
                "certgate.metrics.micrometer",
                "false",
                "certgate.metrics.opentelemetry",
                "false");
        ops = Operations.start(
                () -> new MapSource(config, "benchmark"),
                getClass().getClassLoader(),
                Clock.systemUTC(),
                Set.of(),
                p -> {});
        policy = ops.policy();
        request = (HttpServletRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> "Host".equalsIgnoreCase((String) args[0]) ? "api.example.com" : null;
                    case "getRemoteAddr" -> "203.0.113.7";
                    case "getRequestURI", "getServletPath" -> "/orders/17";
                    case "getMethod" -> "GET";
                    case "getDispatcherType" -> DispatcherType.REQUEST;
                    case "isSecure" -> true;
                    default -> null;
                });
        // Use up the window's written events: what follows is the flood.
        for (int i = 0; i < 10; i++) {
            blockWithEvent();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ops.close();
    }

    @Benchmark
    public Decision blockDecisionOnly() {
        HostMatch host = policy.matchRequestHost(request.getHeader("Host"));
        RequestFacts facts =
                new RequestFacts(request, "", host.host(), host.group().certificates(), policy.now());
        return policy.evaluate(host.group(), facts, facts::chainRuleResults, (g, r, w, v) -> {});
    }

    @Benchmark
    public Decision blockWithEvent() {
        HostMatch host = policy.matchRequestHost(request.getHeader("Host"));
        RequestFacts facts =
                new RequestFacts(request, "", host.host(), host.group().certificates(), policy.now());
        Decision d = policy.evaluate(host.group(), facts, facts::chainRuleResults, ops.events());
        if (d.blocked()) {
            ops.events().blocked(host.group(), d.rule(), facts);
        }
        return d;
    }
}
