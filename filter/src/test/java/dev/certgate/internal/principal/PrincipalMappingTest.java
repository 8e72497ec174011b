package dev.certgate.internal.principal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.config.TestPolicies;
import dev.certgate.internal.facts.RequestFacts;
import dev.certgate.internal.policy.HostMatch;
import dev.certgate.internal.policy.Policy;
import dev.certgate.internal.settings.Keys;
import dev.certgate.principal.CertificatePrincipal;
import dev.certgate.principal.Identity;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Principal mapping read from properties and applied to requests carrying real certificates. */
class PrincipalMappingTest {
    @TempDir
    static Path dir;

    static final TestCa ca = TestCa.root("CN=principal test CA");
    static final TestCa stranger = TestCa.root("CN=someone else's CA");
    static Path caPem;

    @BeforeAll
    static void writeCa() throws IOException {
        caPem = ca.writePem(dir.resolve("ca.pem"));
    }

    /** The base settings and further ones, given as key, value, key, value … */
    private static Map<String, String> base(String... keyValues) {
        return TestPolicies.settings(
                Map.of(
                        "certgate.hosts",
                        "api",
                        "certgate.host.api.names",
                        "api.example",
                        "certgate.host.api.trust",
                        caPem.toString()),
                keyValues);
    }

    private static Policy load(Map<String, String> p) throws ConfigException {
        return TestPolicies.load(p);
    }

    /** A request as a container hands it over: Host header and the TLS chain attribute. */
    private static HttpServletRequest request(X509Certificate[] chain) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                PrincipalMappingTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> RequestFacts.CERTIFICATE_ATTRIBUTE.equals(args[0]) ? chain : null;
                    case "getHeader" -> "Host".equalsIgnoreCase((String) args[0]) ? "api.example" : null;
                    case "getRequestURI" -> "/x";
                    case "getMethod" -> "GET";
                    case "getRemoteAddr" -> "192.0.2.1";
                    case "getUserPrincipal", "getRemoteUser", "getAuthType" -> null;
                    case "isUserInRole" -> true; // a container that says yes to everything
                    case "isSecure" -> true;
                    case "getScheme" -> "https";
                    case "getServerName" -> "api.example";
                    case "getServerPort", "getRemotePort" -> 443;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private static HttpServletRequest apply(Policy policy, HttpServletRequest request) {
        HostMatch host = policy.matchRequestHost("api.example");
        RequestFacts facts =
                new RequestFacts(request, "", host.host(), host.group().certificates(), policy.now());
        return policy.principals()
                .forGroup(host.group().id())
                .apply(request, facts, host.group().id());
    }

    @Test
    void offByDefaultTheContainersUserStays() throws Exception {
        Policy policy = load(base());
        assertFalse(policy.principals().anyEnabled());
        HttpServletRequest req = request(ca.leaf("CN=alice").issue().chain());
        assertSame(req, apply(policy, req));
    }

    @Test
    void subjectCnAndRolesFromExpressions() throws Exception {
        Policy policy = load(base(
                "certgate.principal",
                "subject.cn",
                "certgate.host.api.roles",
                "admin,reader",
                "certgate.host.api.role.admin.expression",
                "cf.tls_client_auth.cert_subject_dn contains \"OU=ops\"",
                "certgate.host.api.role.reader.expression",
                "true"));
        HttpServletRequest admin =
                apply(policy, request(ca.leaf("CN=alice,OU=ops,O=corp").issue().chain()));
        assertEquals("alice", admin.getUserPrincipal().getName());
        assertEquals("alice", admin.getRemoteUser());
        assertEquals(HttpServletRequest.CLIENT_CERT_AUTH, admin.getAuthType());
        assertTrue(admin.isUserInRole("admin"));
        assertTrue(admin.isUserInRole("reader"));
        assertFalse(admin.isUserInRole("root"), "only certgate's roles, not the container's");
        assertEquals(Set.of("admin", "reader"), ((CertificatePrincipal) admin.getUserPrincipal()).roles());

        HttpServletRequest bob =
                apply(policy, request(ca.leaf("CN=bob,OU=dev,O=corp").issue().chain()));
        assertEquals("bob", bob.getUserPrincipal().getName());
        assertFalse(bob.isUserInRole("admin"));
        assertTrue(bob.isUserInRole("reader"));
    }

    @Test
    void onlyVerifiedCertificatesNameAUser() throws Exception {
        Policy policy = load(base("certgate.principal", "subject.cn"));
        HttpServletRequest foreign = request(stranger.leaf("CN=mallory").issue().chain());
        assertSame(foreign, apply(policy, foreign));
        HttpServletRequest none = request(null);
        assertSame(none, apply(policy, none));
    }

    @Test
    void sanUriFingerprintAndDnIdentities() throws Exception {
        TestIdentity id = ca.leaf("CN=svc,O=corp")
                .uri("spiffe://corp/admin")
                .dns("svc.corp")
                .issue();
        for (Map.Entry<String, String> e : Map.of(
                        "san.uri", "spiffe://corp/admin",
                        "san.dns", "svc.corp",
                        "subject.dn", id.certificate().getSubjectX500Principal().getName("RFC2253"))
                .entrySet()) {
            Map<String, String> p = base();
            p.put("certgate.host.api.principal", e.getKey());
            assertEquals(
                    e.getValue(),
                    apply(load(p), request(id.chain())).getUserPrincipal().getName(),
                    e.getKey());
        }
        String fp = apply(load(base("certgate.principal", "fingerprint.sha256")), request(id.chain()))
                .getUserPrincipal()
                .getName();
        assertTrue(fp.matches("[0-9a-f]{64}"), fp);
        // A certificate without the chosen SAN names nobody: the request keeps the container's user.
        Map<String, String> email = base();
        email.put("certgate.principal", "san.email");
        HttpServletRequest req = request(id.chain());
        assertSame(req, apply(load(email), req));
    }

    @Test
    void badSettingsFailWithTheProperty() {
        assertEquals(
                "certgate.principal",
                assertThrows(ConfigException.class, () -> load(base("certgate.principal", "subject.uid")))
                        .property());

        Map<String, String> roleWithoutPrincipal = base();
        roleWithoutPrincipal.put("certgate.host.api.roles", "admin");
        roleWithoutPrincipal.put("certgate.host.api.role.admin.expression", "true");
        assertEquals(
                "certgate.host.api.role.admin.expression",
                assertThrows(ConfigException.class, () -> load(roleWithoutPrincipal))
                        .property());

        Map<String, String> badExpression = base();
        badExpression.put("certgate.principal", "subject.cn");
        badExpression.put("certgate.host.api.roles", "admin");
        badExpression.put("certgate.host.api.role.admin.expression", "cf.tls_client_auth.cert_verifed");
        ConfigException e = assertThrows(ConfigException.class, () -> load(badExpression));
        assertEquals("certgate.host.api.role.admin.expression", e.property());
        assertTrue(e.getMessage().contains("1:"), e.getMessage());

        Map<String, String> unlisted = base();
        unlisted.put("certgate.principal", "subject.cn");
        unlisted.put("certgate.host.api.role.admin.expression", "true");
        assertEquals(
                "certgate.host.api.role.admin.expression",
                assertThrows(ConfigException.class, () -> load(unlisted)).property());
    }

    @Test
    void identityNamesAreTheCataloguesChoices() {
        List<String> names = new ArrayList<>(List.of("none"));
        for (Identity i : Identity.values()) {
            names.add(i.configName());
        }
        assertEquals(Keys.PRINCIPAL_IDENTITY.choices(), names);
        assertEquals(Optional.of(Identity.SAN_URI), Identity.parse("SAN.URI"));
        assertEquals(Optional.empty(), Identity.parse("none"));
    }
}
