package dev.certgate.internal.config;

import static dev.certgate.internal.config.TestPolicies.failsAt;
import static dev.certgate.internal.config.TestPolicies.failsWith;
import static dev.certgate.internal.config.TestPolicies.failure;
import static dev.certgate.internal.config.TestPolicies.load;
import static dev.certgate.internal.config.TestPolicies.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.policy.Action;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.Policy;
import dev.certgate.internal.policy.Rule;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
    @TempDir
    static Path dir;

    static Path apiCa;
    static Path partnersCa;

    @BeforeAll
    static void writeCas() throws IOException {
        apiCa = TestCa.root("CN=api CA").writePem(dir.resolve("api-ca.pem"));
        partnersCa = TestCa.root("CN=partners CA").writePem(dir.resolve("partners-ca.pem"));
    }

    private static Map<String, String> twoHosts() {
        Map<String, String> p = new HashMap<>();
        p.put("certgate.hosts", "api, partners");
        p.put("certgate.host.api.names", "API.example.com.");
        p.put("certgate.host.api.trust", "file:" + apiCa);
        p.put("certgate.host.partners.names", "*.partners.example.com,partners.example.com");
        p.put("certgate.host.partners.trust", partnersCa.toString());
        return p;
    }

    /** twoHosts() and further properties, given as key, value, key, value … */
    private static Map<String, String> twoHosts(String... keyValues) {
        return settings(twoHosts(), keyValues);
    }

    @Test
    void twoHostGroupsWithTheirOwnCas() throws Exception {
        try (Policy policy = load(twoHosts())) {
            HostGroup api = policy.groupFor("api.example.com");
            assertEquals("api", api.id());
            assertEquals("partners", policy.groupFor("x.partners.example.com").id());
            assertEquals("partners", policy.groupFor("partners.example.com").id());
            assertSame(policy.fallback(), policy.groupFor("other.example.com"));
            Rule mtls = api.hostRules().get(0);
            assertEquals("mtls", mtls.id());
            assertEquals(Action.BLOCK, mtls.action());
            assertEquals(
                    "(http.host in {\"api.example.com\"} and not cf.tls_client_auth.cert_verified)",
                    mtls.expression().source());
        }
    }

    @Test
    void unmatchedHostsAreBlockedUnlessTheOperatorAllowsThem() throws Exception {
        try (Policy policy = load(twoHosts())) {
            Rule rule = policy.groupFor("elsewhere.example.com").hostRules().get(0);
            assertEquals("unmatched-host", rule.id());
            assertEquals(Action.BLOCK, rule.action());
            assertSame(policy.fallback(), policy.groupFor(""), "a request naming no host is unmatched");
            assertTrue(policy.blocksUnmatchedHosts());
            assertTrue(policy.groupFor("api.example.com").hostRules().stream()
                    .noneMatch(r -> r.id().equals("unmatched-host")));
            assertEquals(
                    "host groups: api (api.example.com); partners (*.partners.example.com, partners.example.com)."
                            + " A host in no group, or a request naming no host: BLOCKED (certgate.on-unmatched-host=block)",
                    policy.describeHosts());
        }
        Map<String, String> p = twoHosts();
        p.put("certgate.on-unmatched-host", "allow");
        try (Policy policy = load(p)) {
            assertTrue(policy.fallback().hostRules().isEmpty());
            assertFalse(policy.blocksUnmatchedHosts());
            assertTrue(
                    policy.describeHosts()
                            .endsWith("ALLOWED with only the 0 global rule(s)" + " (certgate.on-unmatched-host=allow)"),
                    policy.describeHosts());
        }
        p.put("certgate.on-unmatched-host", "deny");
        failsAt("certgate.on-unmatched-host", p);
    }

    @Test
    void withoutHostGroupsTheStartUpLineSaysEverythingIsBlocked() throws Exception {
        try (Policy policy = load(Map.of())) {
            assertEquals(
                    "host groups: none. A host in no group, or a request naming no host: BLOCKED"
                            + " (certgate.on-unmatched-host=block; with no host group every request is blocked)",
                    policy.describeHosts());
        }
    }

    @Test
    void mtlsExpressionCoversWildcards() {
        assertEquals(
                "((http.host in {\"a.example\" \"b.example\"} or http.host wildcard \"*.c.example\")"
                        + " and not cf.tls_client_auth.cert_verified)",
                PolicyLoader.mtlsExpression(java.util.List.of("a.example", "*.c.example", "b.example")));
    }

    @Test
    void unknownKeysFailNamingTheKey() {
        ConfigException e = failsAt("certgate.host.api.trsut", twoHosts("certgate.host.api.trsut", "x"));
        assertTrue(e.getMessage().startsWith("certgate.host.api.trsut: unknown certgate property"), e.getMessage());
    }

    @Test
    void keysOfAnUnlistedGroupAreUnknown() {
        failsAt("certgate.host.admin.names", twoHosts("certgate.host.admin.names", "admin.example.com"));
    }

    @Test
    void unreadableCaFileFailsNamingTheProperty() {
        failsAt(
                "certgate.host.api.trust",
                twoHosts("certgate.host.api.trust", "file:/nonexistent/ca.pem"),
                "no such file");
    }

    @Test
    void caFileWithoutCertificatesFails() throws IOException {
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "not a certificate");
        failsAt("certgate.host.api.trust", twoHosts("certgate.host.api.trust", garbage.toString()));
    }

    @Test
    void leafCertificateAsAnchorIsRefused() throws IOException {
        Path leaf = dir.resolve("leaf.pem");
        Files.writeString(
                leaf,
                TestIdentity.pem(TestCa.root("CN=r").leaf("CN=leaf").issue().certificate()));
        failsWith(twoHosts("certgate.host.api.trust", leaf.toString()), "not a CA");
    }

    @Test
    void classpathAnchorsLoad() throws Exception {
        failsWith(
                twoHosts("certgate.host.api.trust", "classpath:dev/certgate/config/missing.pem"),
                "no such classpath resource");
    }

    @Test
    void mtlsHostWithoutTrustAnchorFails() {
        Map<String, String> p = twoHosts();
        p.remove("certgate.host.api.trust");
        failsAt("certgate.host.api.trust", p, "no trust anchor");
    }

    @Test
    void defaultTrustServesEveryGroup() throws Exception {
        Map<String, String> p = twoHosts();
        p.remove("certgate.host.api.trust");
        p.put("certgate.trust", apiCa.toString());
        load(p).close();
    }

    @Test
    void malformedHostNameFails() {
        failsAt("certgate.host.api.names", twoHosts("certgate.host.api.names", "api.example.com,bad name.example.com"));
    }

    @Test
    void hostNameInTwoGroupsFails() {
        failsWith(twoHosts("certgate.host.partners.names", "API.example.com"), "already in host group 'api'");
    }

    @Test
    void groupWithoutNamesFails() {
        Map<String, String> p = twoHosts();
        p.remove("certgate.host.partners.names");
        failsAt("certgate.host.partners.names", p);
    }

    @Test
    void invalidIdsFail() {
        failsAt("certgate.hosts", twoHosts("certgate.hosts", "api,Partners!"));
        failsWith(twoHosts("certgate.hosts", "api,api"), "listed twice");
    }

    @Test
    void badEnumValuesFail() {
        for (String[] kv : new String[][] {
            {"certgate.mode", "enforcing"},
            {"certgate.enabled", "yes"},
            {"certgate.on-error", "ignore"},
            {"certgate.verification", "none"},
            {"certgate.verification.cache-size", "0"}
        }) {
            Map<String, String> p = twoHosts();
            p.put(kv[0], kv[1]);
            ConfigException e = failure(p);
            assertEquals(kv[0], e.property());
            assertTrue(e.getMessage().contains(kv[1]), e.getMessage());
        }
    }

    @Test
    void ruleListedWithoutExpressionFails() {
        failsAt(
                "certgate.host.api.rule.r1.expression",
                twoHosts("certgate.host.api.rules", "r1", "certgate.host.api.rule.r1.action", "block"));
    }

    @Test
    void challengeActionsAreRefused() {
        failsAt(
                "certgate.rule.r1.action",
                twoHosts(
                        "certgate.rules",
                        "r1",
                        "certgate.rule.r1.expression",
                        "not cf.tls_client_auth.cert_verified",
                        "certgate.rule.r1.action",
                        "managed_challenge"),
                "challenge");
    }

    @Test
    void blockResponseIsValidated() {
        failsAt("certgate.block.status", twoHosts("certgate.block.status", "302"));
    }

    @Test
    void customBlockResponse() throws Exception {
        try (Policy policy = load(twoHosts(
                "certgate.block.status",
                "401",
                "certgate.block.content-type",
                "text/plain",
                "certgate.block.body",
                "client certificate required"))) {
            Rule mtls = policy.groupFor("api.example.com").hostRules().get(0);
            assertEquals(401, mtls.response().status());
            assertEquals("text/plain", mtls.response().contentType());
        }
    }

    @Test
    void reportOnlyMode() throws Exception {
        try (Policy policy = load(twoHosts("certgate.mode", "report-only"))) {
            assertTrue(policy.reportOnly());
        }
        try (Policy policy = load(twoHosts())) {
            assertFalse(policy.reportOnly());
        }
    }

    @Test
    void choicesFollowOneCaseRuleWhicheverLayerReadsThem() throws Exception {
        // Before one reader, certgate.mode accepted upper case but certgate.revocation.failure did not.
        Map<String, String> p = twoHosts(
                "certgate.mode", "REPORT-ONLY",
                "certgate.host.api.revocation.checkers", "deny-list",
                "certgate.host.api.revocation.deny-list.serials", "7",
                "certgate.host.api.revocation.failure", "SOFT",
                "certgate.host.api.revocation.scope", "Leaf");
        try (Policy policy = load(p)) {
            assertTrue(policy.reportOnly());
            assertTrue(policy.groupFor("api.example.com")
                    .certificates()
                    .revocation()
                    .enabled());
        }
    }

    @Test
    void revocationErrorsNameTheExactPropertyNotTheLastOneRead() {
        // cdp.max-sources is read after crl.sources; the old loader blamed the last property read.
        Map<String, String> p = twoHosts(
                "certgate.host.api.revocation.checkers", "crl",
                "certgate.revocation.crl.cdp.max-sources", "4");
        ConfigException e = failsAt("certgate.host.api.revocation.crl.sources", p);
        assertTrue(
                e.getMessage().startsWith("certgate.host.api.revocation.crl.sources: no CRL source"), e.getMessage());

        p.put("certgate.revocation.crl.cdp.allowed-hosts", "crl.example.com/path");
        e = failure(p);
        assertEquals("certgate.revocation.crl.cdp.allowed-hosts", e.property(), "the global value is at fault");

        p.remove("certgate.revocation.crl.cdp.allowed-hosts");
        p.put("certgate.host.api.revocation.crl.sources", "classpath:x.crl");
        p.put("certgate.host.api.revocation.crl.read-timeout", "soon");
        failsAt("certgate.host.api.revocation.crl.read-timeout", p);
    }

    @Test
    void aBadListItemIsBlamedOnTheListNotOnTheRule() {
        Map<String, String> p = twoHosts(
                "certgate.lists", "office",
                "certgate.list.office", "192.0.2.0/24, not-an-address",
                "certgate.rules", "office-only",
                "certgate.rule.office-only.expression", "not ip.src in $office",
                "certgate.rule.office-only.action", "block");
        ConfigException e = failsAt("certgate.list.office", p, "'not-an-address'");
        assertTrue(e.getMessage().contains("certgate.rule.office-only.expression"), e.getMessage());
    }

    @Test
    void servletKeysAndPluginSettingsAreKnownButTyposAreNot() throws Exception {
        Map<String, String> p = twoHosts(
                "certgate.dispatchers", "REQUEST",
                "certgate.auto-register", "false",
                "certgate.revocation.checkers", "deny-list",
                "certgate.revocation.deny-list.serials", "7");
        load(p).close();

        p.put("certgate.revocation.crl.sourcs", "file:/x.crl");
        failsAt("certgate.revocation.crl.sourcs", p);
        p.remove("certgate.revocation.crl.sourcs");
        p.put("certgate.rule.r9.expression", "true");
        assertEquals("certgate.rule.r9.expression", failure(p).property(), "a rule missing from certgate.rules");
        p.remove("certgate.rule.r9.expression");
        p.put("certgate.list.office", "192.0.2.1");
        assertEquals("certgate.list.office", failure(p).property(), "a list missing from certgate.lists");
    }

    @Test
    void revocationSettingsOfACheckerThatIsOffAreUnknown() {
        // Silently ignoring them would run without the revocation checking the operator meant to set up.
        Map<String, String> p = twoHosts("certgate.revocation.crl.sources", "file:/x.crl");
        assertEquals("certgate.revocation.crl.sources", failure(p).property(), "no checkers at all");
        p = twoHosts(
                "certgate.host.api.revocation.checkers",
                "deny-list",
                "certgate.host.api.revocation.deny-list.serials",
                "7",
                "certgate.host.api.revocation.crl.sources",
                "file:/x.crl");
        assertEquals("certgate.host.api.revocation.crl.sources", failure(p).property(), "crl is not api's checker");
        p = twoHosts("certgate.revocation.scope", "leaf");
        assertEquals("certgate.revocation.scope", failure(p).property(), "revocation is off everywhere");
    }

    @Test
    void ruleKeysOfAHostGroupAreReadInItsSpelling() throws Exception {
        Map<String, String> p = twoHosts(
                "certgate.host.api.rules", " r1 , , ",
                "certgate.host.api.rule.r1.expression", "http.request.uri.path eq \"/admin\"",
                "certgate.host.api.rule.r1.action", "BLOCK",
                "certgate.host.api.rule.r1.report-only", "TRUE",
                "certgate.host.api.rule.r1.response.status", "451");
        try (Policy policy = load(p)) {
            Rule r1 = policy.groupFor("api.example.com").hostRules().get(1);
            assertEquals("r1", r1.id());
            assertEquals("certgate.host.api.rule.r1", r1.origin());
            assertTrue(r1.reportOnly());
            assertEquals(451, r1.response().status());
        }
        p.put("certgate.host.api.rule.r1.response.status", "soon");
        ConfigException e = failsAt("certgate.host.api.rule.r1.response.status", p);
        assertEquals("certgate.host.api.rule.r1.response.status: expected a whole number, got 'soon'", e.getMessage());
    }

    @Test
    void envNamesFollowMicroProfileMapping() {
        assertEquals("certgate_host_api_names", LayeredSource.underscored("certgate.host.api.names"));
    }
}
