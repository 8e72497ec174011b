package dev.certgate.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.certgate.internal.config.TestPolicies;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.FieldMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rule list runs as one pass, then its matches are acted on in rule order: the log and
 * report-only callbacks, the counters and the decision are those of evaluating rule by rule.
 */
class PolicyListTest {
    private static final String RULES = """
            certgate.hosts = api
            certgate.host.api.names = api.example
            certgate.host.api.mtls = false
            certgate.host.api.rules = first-log, would-block, second-log, deny, after
            certgate.host.api.rule.first-log.expression = http.host eq "api.example"
            certgate.host.api.rule.first-log.action = log
            certgate.host.api.rule.would-block.expression = http.request.method eq "POST"
            certgate.host.api.rule.would-block.action = block
            certgate.host.api.rule.would-block.report-only = true
            certgate.host.api.rule.second-log.expression = http.request.method in {"POST" "PUT"}
            certgate.host.api.rule.second-log.action = log
            certgate.host.api.rule.deny.expression = http.request.uri.path eq "/deny"
            certgate.host.api.rule.deny.action = block
            certgate.host.api.rule.after.expression = http.host eq "api.example"
            certgate.host.api.rule.after.action = log
            """;

    private static Map<String, String> settings(String text) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String line : text.strip().split("\n")) {
            int eq = line.indexOf('=');
            m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return m;
    }

    /** Each report as rule id and whether it would have blocked. */
    private static List<String> evaluate(Policy policy, FieldMap request, Decision[] decision) {
        List<String> reports = new ArrayList<>();
        HostGroup group = policy.matchRequestHost("api.example").group();
        decision[0] = policy.evaluate(
                group, request, null, (g, rule, wouldBlock, v) -> reports.add(rule.id() + (wouldBlock ? "!" : "")));
        return reports;
    }

    @Test
    void matchesAreActedOnInRuleOrderUpToTheDecision() throws Exception {
        try (Policy policy = TestPolicies.load(settings(RULES))) {
            Decision[] d = new Decision[1];
            FieldMap post = FieldMap.of(
                    "http.host", "api.example", "http.request.method", "POST", "http.request.uri.path", "/deny");
            assertEquals(List.of("first-log", "would-block!", "second-log"), evaluate(policy, post, d));
            assertEquals("deny", d[0].rule().id());
            assertEquals(true, d[0].blocked());
            HostGroup group = policy.matchRequestHost("api.example").group();
            assertEquals(1, group.counts().matches(3), "deny counted");
            assertEquals(0, group.counts().matches(4), "the rule after the decision is not reached");

            FieldMap get = FieldMap.of("http.host", "api.example", "http.request.method", "GET");
            assertEquals(List.of("first-log", "after"), evaluate(policy, get, d));
            assertSame(Decision.PASS, d[0]);
        }
    }

    @Test
    void aFieldThatFailsMidListStillFindsTheEarlierMatchesReported() throws Exception {
        try (Policy policy = TestPolicies.load(settings(RULES))) {
            FieldMap failing = new FieldMap() {
                @Override
                public String bytes(Field field) {
                    if (field == Field.HTTP_REQUEST_URI_PATH) {
                        throw new IllegalStateException("path unreadable");
                    }
                    return super.bytes(field);
                }
            };
            failing.set("http.host", "api.example").set("http.request.method", "PUT");
            List<String> reports = new ArrayList<>();
            HostGroup group = policy.matchRequestHost("api.example").group();
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> policy.evaluate(group, failing, null, (g, rule, w, v) -> reports.add(rule.id())));
            assertEquals("path unreadable", e.getMessage());
            assertEquals(List.of("first-log", "second-log"), reports, "as when each rule was evaluated in turn");
            assertEquals(1, group.counts().matches(2));
        }
    }
}
