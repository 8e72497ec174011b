package dev.certgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.FieldType;
import dev.certgate.internal.rules.FieldValues;
import dev.certgate.internal.trust.Verification;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The field scheme: every field has one binding of its source, and its value has the field's type. */
class FieldSchemeTest {
    private static final TestCa CA = TestCa.root("CN=Scheme CA");
    private static final TestIdentity ID =
            CA.leaf("CN=scheme client").dns("a.example").issue();

    @Test
    void everyFieldHasExactlyOneSource() {
        EnumSet<Field> seen = EnumSet.noneOf(Field.class);
        for (Field.Source s : Field.Source.values()) {
            for (Field f : Field.of(s)) {
                assertTrue(seen.add(f), f.fieldName());
                assertEquals(s, f.source());
            }
        }
        assertEquals(EnumSet.allOf(Field.class), seen);
    }

    @Test
    void everyCertificateFieldHasAValueOfItsTypeWithAndWithoutACertificate() {
        ClientCertificate presented = new ClientCertificate(
                new CertificateFacts(Arrays.asList(ID.chain()), CA.certificate()),
                new Verification(true, "", List.of(ID.certificate(), CA.certificate())),
                RevocationPolicy.none(),
                Instant.now());
        for (Field f : Field.values()) {
            if (f.certificateField()) {
                assertTypeOf(f, presented.value(f));
                assertTypeOf(f, ClientCertificate.NONE.value(f));
            }
        }
        assertEquals(Boolean.TRUE, presented.value(Field.CERT_PRESENTED));
        assertEquals(Boolean.FALSE, ClientCertificate.NONE.value(Field.CERT_PRESENTED));
        assertEquals("", ClientCertificate.NONE.value(Field.CERT_SUBJECT_DN));
        assertEquals("CN=scheme client", presented.value(Field.CERT_SUBJECT_DN));
        assertEquals(List.of("a.example"), presented.value(Field.CERTGATE_SAN_DNS));
    }

    /** {@code bool} answers the trust verdicts directly (the hot path); it must agree with the binding table. */
    @Test
    void everyBooleanCertificateFieldReadsTheSameThroughBoolAndTheTable() throws Exception {
        TestIdentity revokedId = CA.leaf("CN=revoked client").issue();
        java.util.concurrent.ScheduledExecutorService scheduler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (RevocationPolicy denyList = RevocationPolicy.create(
                dev.certgate.testing.MapSettings.of(
                        "checkers", "deny-list",
                        "scope", "leaf",
                        "deny-list.serials",
                                revokedId.certificate().getSerialNumber().toString()),
                List.of(CA.certificate()),
                scheduler,
                java.time.Clock.systemUTC())) {
            List<ClientCertificate> certificates = new java.util.ArrayList<>(List.of(ClientCertificate.NONE));
            for (TestIdentity id : List.of(ID, revokedId)) {
                CertificateFacts facts = new CertificateFacts(Arrays.asList(id.chain()), CA.certificate());
                List<java.security.cert.X509Certificate> path = List.of(id.certificate(), CA.certificate());
                certificates.add(
                        new ClientCertificate(facts, new Verification(true, "", path), denyList, Instant.now()));
                certificates.add(new ClientCertificate(
                        facts, new Verification(false, "untrusted", List.of()), denyList, Instant.now()));
                certificates.add(new ClientCertificate(
                        facts, new Verification(true, "", path), RevocationPolicy.none(), Instant.now()));
            }
            Set<String> seen = new java.util.HashSet<>();
            for (ClientCertificate c : certificates) {
                for (Field f : Field.values()) {
                    if (f.certificateField() && f.type() == FieldType.BOOL) {
                        assertEquals(c.value(f) == Boolean.TRUE, c.bool(f), f.fieldName());
                        seen.add(f.fieldName() + "=" + c.bool(f));
                    }
                }
            }
            assertTrue(
                    seen.containsAll(Set.of(
                            "cf.tls_client_auth.cert_revoked=true",
                            "cf.tls_client_auth.cert_revoked=false",
                            "cf.tls_client_auth.cert_verified=true",
                            "cf.tls_client_auth.cert_verified=false")),
                    seen.toString());
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void everyRequestFieldHasAValueOfItsType() {
        RequestFacts facts = new RequestFacts(request(), "", "example.com", null, Instant.now());
        for (Field f : Field.of(Field.Source.REQUEST)) {
            Object v = FieldValues.read(facts, f);
            assertTypeOf(f, v);
        }
        assertEquals("https://example.com/a/b?x=1", facts.bytes(Field.HTTP_REQUEST_FULL_URI));
        assertEquals(Map.of("accept", List.of("*/*")), facts.map(Field.HTTP_REQUEST_HEADERS));
        assertEquals("192.0.2.1", facts.ip(Field.IP_SRC).toString());
    }

    @Test
    void aRequestComputesEachCachedFieldOnceAndKeepsItThroughTheTablesGrowth() {
        int[] reads = {0};
        HttpServletRequest counted = counting(request(), reads);
        RequestFacts facts = new RequestFacts(counted, "", "example.com", null, Instant.now());
        List<Field> fields = Field.of(Field.Source.REQUEST).stream()
                .filter(f -> !RequestFields.UNCACHED.contains(f))
                .toList();
        Map<Field, Object> first = new java.util.HashMap<>();
        for (Field f : fields) { // every one: the table starts at 8 and doubles several times
            first.put(f, FieldValues.read(facts, f));
        }
        int afterFirstPass = reads[0];
        for (int i = fields.size() - 1; i >= 0; i--) {
            Field f = fields.get(i);
            Object again = FieldValues.read(facts, f);
            if (first.get(f) != null) {
                assertSame(first.get(f), again, f.fieldName() + " is kept, not computed again");
            }
            Object fresh = FieldValues.read(new RequestFacts(request(), "", "example.com", null, Instant.now()), f);
            assertEquals(fresh, again, f.fieldName());
        }
        long missing = first.values().stream().filter(java.util.Objects::isNull).count();
        assertTrue(missing < fields.size() / 2, "most fields have a value here: " + missing);
        assertTrue(afterFirstPass > 0);
        assertEquals(
                afterFirstPass,
                reads[0] - readsOfMissing(first, counted),
                "only the fields without a value read the request again");
    }

    /** The request reads a second pass makes for the fields whose value is missing (never kept). */
    private static int readsOfMissing(Map<Field, Object> first, HttpServletRequest counted) {
        int[] reads = {0};
        RequestFacts probe = new RequestFacts(counting(request(), reads), "", "example.com", null, Instant.now());
        first.forEach((f, v) -> {
            if (v == null) {
                FieldValues.read(probe, f);
            }
        });
        return reads[0];
    }

    private static HttpServletRequest counting(HttpServletRequest request, int[] reads) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                FieldSchemeTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> {
                    reads[0]++;
                    return m.invoke(request, a);
                });
    }

    @Test
    void aSourceWithAnUnboundFieldIsRefused() {
        Bindings<Object> partial = Bindings.of(Field.Source.REVOCATION).bind(Field.CERT_REVOKED, o -> false);
        IllegalStateException e = assertThrows(IllegalStateException.class, partial::complete);
        assertTrue(e.getMessage().contains(Field.CERTGATE_REVOCATION_STATUS.fieldName()), e.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> Bindings.of(Field.Source.REVOCATION).bind(Field.HTTP_HOST, o -> ""));
    }

    @Test
    void derivedSetsAreTheOnesTheRestOfCertgateRelyOn() {
        // Pinned so that a change of a field's source is a visible decision.
        assertEquals(
                EnumSet.of(Field.CERT_VERIFIED, Field.CERT_REVOKED, Field.CERTGATE_REVOCATION_STATUS),
                only(Field::needsTrustAnchor));
        Set<Field> chainConstant = only(Field::chainConstant);
        assertTrue(chainConstant.contains(Field.CERTGATE_VERIFY_ERROR));
        assertTrue(chainConstant.contains(Field.CERT_PRESENTED));
        assertTrue(Collections.disjoint(chainConstant, Field.of(Field.Source.REVOCATION)));
        assertTrue(Collections.disjoint(chainConstant, Field.of(Field.Source.REQUEST)));
        assertEquals(
                Field.values().length - Field.of(Field.Source.REQUEST).size(),
                only(Field::certificateField).size());
    }

    private static Set<Field> only(java.util.function.Predicate<Field> p) {
        EnumSet<Field> out = EnumSet.noneOf(Field.class);
        for (Field f : Field.values()) {
            if (p.test(f)) {
                out.add(f);
            }
        }
        return out;
    }

    private static void assertTypeOf(Field f, Object value) {
        if (f.type() == FieldType.IP && value == null) {
            return; // an unknown client address is missing
        }
        assertInstanceOf(Bindings.valueClass(f.type()), value, f.fieldName());
    }

    /** A request answering the accessors the request fields read. */
    private static HttpServletRequest request() {
        Map<String, Object> answers = Map.ofEntries(
                Map.entry("getQueryString", "x=1"),
                Map.entry("getScheme", "https"),
                Map.entry("getRequestURI", "/a/b"),
                Map.entry("getServletPath", "/a/b"),
                Map.entry("getMethod", "get"),
                Map.entry("getProtocol", "HTTP/2.0"),
                Map.entry("getRemoteAddr", "192.0.2.1"),
                Map.entry("isSecure", true),
                Map.entry("getLocalPort", 8443),
                Map.entry("getLocalAddr", "192.0.2.9"));
        return (HttpServletRequest) Proxy.newProxyInstance(
                FieldSchemeTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaderNames" -> Collections.enumeration(List.of("Accept"));
                    case "getHeaders" ->
                        Collections.enumeration(
                                "Accept".equalsIgnoreCase((String) args[0]) ? List.of("*/*") : List.of());
                    case "getHeader" -> "Accept".equalsIgnoreCase((String) args[0]) ? "*/*" : null;
                    default -> answers.get(method.getName());
                });
    }
}
