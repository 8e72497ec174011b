package dev.certgate.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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
        apiCa = dir.resolve("api-ca.pem");
        Files.writeString(apiCa, TestIdentity.pem(TestCa.root("CN=api CA").certificate()));
        partnersCa = dir.resolve("partners-ca.pem");
        Files.writeString(
                partnersCa, TestIdentity.pem(TestCa.root("CN=partners CA").certificate()));
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
        Map<String, String> p = twoHosts();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static Policy load(Map<String, String> props) throws ConfigException {
        return PolicyLoader.load(
                new MapSource(props, "test"), PolicyLoaderTest.class.getClassLoader(), Clock.systemUTC(), Set.of());
    }

    private static ConfigException failure(Map<String, String> props) {
        return assertThrows(ConfigException.class, () -> load(props).close());
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
        assertEquals("certgate.on-unmatched-host", failure(p).property());
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
        Map<String, String> p = twoHosts();
        p.put("certgate.host.api.trsut", "x");
        ConfigException e = failure(p);
        assertEquals("certgate.host.api.trsut", e.property());
        assertTrue(e.getMessage().startsWith("certgate.host.api.trsut: unknown certgate property"), e.getMessage());
    }

    @Test
    void keysOfAnUnlistedGroupAreUnknown() {
        Map<String, String> p = twoHosts();
        p.put("certgate.host.admin.names", "admin.example.com");
        assertEquals("certgate.host.admin.names", failure(p).property());
    }

    @Test
    void unreadableCaFileFailsNamingTheProperty() {
        Map<String, String> p = twoHosts();
        p.put("certgate.host.api.trust", "file:/nonexistent/ca.pem");
        ConfigException e = failure(p);
        assertEquals("certgate.host.api.trust", e.property());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void caFileWithoutCertificatesFails() throws IOException {
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "not a certificate");
        Map<String, String> p = twoHosts();
        p.put("certgate.host.api.trust", garbage.toString());
        assertEquals("certgate.host.api.trust", failure(p).property());
    }

    @Test
    void leafCertificateAsAnchorIsRefused() throws IOException {
        Path leaf = dir.resolve("leaf.pem");
        Files.writeString(
                leaf,
                TestIdentity.pem(TestCa.root("CN=r").leaf("CN=leaf").issue().certificate()));
        Map<String, String> p = twoHosts();
        p.put("certgate.host.api.trust", leaf.toString());
        assertTrue(failure(p).getMessage().contains("not a CA"));
    }

    @Test
    void classpathAnchorsLoad() throws Exception {
        Map<String, String> p = twoHosts();
        p.put("certgate.host.api.trust", "classpath:dev/certgate/config/missing.pem");
        assertTrue(failure(p).getMessage().contains("no such classpath resource"));
    }

    @Test
    void mtlsHostWithoutTrustAnchorFails() {
        Map<String, String> p = twoHosts();
        p.remove("certgate.host.api.trust");
        ConfigException e = failure(p);
        assertEquals("certgate.host.api.trust", e.property());
        assertTrue(e.getMessage().contains("no trust anchor"), e.getMessage());
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
        Map<String, String> p = twoHosts();
        p.put("certgate.host.api.names", "api.example.com,bad name.example.com");
        ConfigException e = failure(p);
        assertEquals("certgate.host.api.names", e.property());
    }

    @Test
    void hostNameInTwoGroupsFails() {
        Map<String, String> p = twoHosts();
        p.put("certgate.host.partners.names", "API.example.com");
        assertTrue(failure(p).getMessage().contains("already in host group 'api'"));
    }

    @Test
    void groupWithoutNamesFails() {
        Map<String, String> p = twoHosts();
        p.remove("certgate.host.partners.names");
        assertEquals("certgate.host.partners.names", failure(p).property());
    }

    @Test
    void invalidIdsFail() {
        Map<String, String> p = twoHosts();
        p.put("certgate.hosts", "api,Partners!");
        assertEquals("certgate.hosts", failure(p).property());
        p.put("certgate.hosts", "api,api");
        assertTrue(failure(p).getMessage().contains("listed twice"));
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
        Map<String, String> p = twoHosts();
        p.put("certgate.host.api.rules", "r1");
        p.put("certgate.host.api.rule.r1.action", "block");
        assertEquals("certgate.host.api.rule.r1.expression", failure(p).property());
    }

    @Test
    void challengeActionsAreRefused() {
        Map<String, String> p = twoHosts();
        p.put("certgate.rules", "r1");
        p.put("certgate.rule.r1.expression", "not cf.tls_client_auth.cert_verified");
        p.put("certgate.rule.r1.action", "managed_challenge");
        ConfigException e = failure(p);
        assertEquals("certgate.rule.r1.action", e.property());
        assertTrue(e.getMessage().contains("challenge"), e.getMessage());
    }

    @Test
    void blockResponseIsValidated() {
        Map<String, String> p = twoHosts();
        p.put("certgate.block.status", "302");
        assertEquals("certgate.block.status", failure(p).property());
    }

    @Test
    void customBlockResponse() throws Exception {
        Map<String, String> p = twoHosts();
        p.put("certgate.block.status", "401");
        p.put("certgate.block.content-type", "text/plain");
        p.put("certgate.block.body", "client certificate required");
        try (Policy policy = load(p)) {
            Rule mtls = policy.groupFor("api.example.com").hostRules().get(0);
            assertEquals(401, mtls.response().status());
            assertEquals("text/plain", mtls.response().contentType());
        }
    }

    @Test
    void reportOnlyMode() throws Exception {
        Map<String, String> p = twoHosts();
        p.put("certgate.mode", "report-only");
        try (Policy policy = load(p)) {
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
        ConfigException e = failure(p);
        assertEquals("certgate.host.api.revocation.crl.sources", e.property());
        assertTrue(
                e.getMessage().startsWith("certgate.host.api.revocation.crl.sources: no CRL source"), e.getMessage());

        p.put("certgate.revocation.crl.cdp.allowed-hosts", "crl.example.com/path");
        e = failure(p);
        assertEquals("certgate.revocation.crl.cdp.allowed-hosts", e.property(), "the global value is at fault");

        p.remove("certgate.revocation.crl.cdp.allowed-hosts");
        p.put("certgate.host.api.revocation.crl.sources", "classpath:x.crl");
        p.put("certgate.host.api.revocation.crl.read-timeout", "soon");
        assertEquals("certgate.host.api.revocation.crl.read-timeout", failure(p).property());
    }

    @Test
    void aBadListItemIsBlamedOnTheListNotOnTheRule() {
        Map<String, String> p = twoHosts(
                "certgate.lists", "office",
                "certgate.list.office", "192.0.2.0/24, not-an-address",
                "certgate.rules", "office-only",
                "certgate.rule.office-only.expression", "not ip.src in $office",
                "certgate.rule.office-only.action", "block");
        ConfigException e = failure(p);
        assertEquals("certgate.list.office", e.property());
        assertTrue(e.getMessage().contains("'not-an-address'"), e.getMessage());
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
        assertEquals("certgate.revocation.crl.sourcs", failure(p).property());
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
        ConfigException e = failure(p);
        assertEquals("certgate.host.api.rule.r1.response.status", e.property());
        assertEquals("certgate.host.api.rule.r1.response.status: expected a whole number, got 'soon'", e.getMessage());
    }

    @Test
    void envNamesFollowMicroProfileMapping() {
        assertEquals("certgate_host_api_names", LayeredSource.underscored("certgate.host.api.names"));
    }
}
