package dev.certgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example WAR in Jetty 12.1 ee10, Jetty 12.1 ee11 and Tomcat 11, one server per case: each
 * registration mode with and without SmallRye Config, the off switch, exclusion by absolute
 * ordering, a bad certgate.dispatchers, and one decision per request across dispatches.
 */
class RegistrationModesIT {
    private static Pki pki;
    private static Path wars;

    @BeforeAll
    static void pki() throws Exception {
        pki = new Pki();
        wars = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "certgate-it-wars");
    }

    static List<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (Containers c : Containers.values()) {
            for (Registration r : Registration.values()) {
                all.add(Arguments.of(c, r, true));
                all.add(Arguments.of(c, r, false));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0} {1} SmallRye={2}")
    @MethodSource("matrix")
    void exactlyOneCertgateDecidesEveryRequest(Containers container, Registration registration, boolean smallRye)
            throws Exception {
        TestWar war = TestWar.of(registration).properties(Clients.properties(pki));
        if (!smallRye) {
            war.withoutSmallRye();
        }
        try (var server = container.start(war.export(wars, name(container, registration, smallRye)), pki)) {
            Clients clients = new Clients(pki, server.port(), "");
            clients.assertCertgateDecides("/api/hello");

            Map<String, String> probe = clients.probe();
            String filterClass = registration == Registration.ANNOTATION
                    ? "dev.certgate.it.probe.Gate"
                    : "dev.certgate.CertGateFilter";
            assertEquals("certgate:" + filterClass, probe.get("filters"), "one certgate filter: " + probe);
            // 3 blocked cases x 2 protocols, each decided once, by the filter whose policy is published.
            assertEquals("6", probe.get("matches"), "decisions counted by the running policy: " + probe);
            assertTrue(
                    smallRye
                            ? probe.get("mpconfig").contains("SmallRye")
                            : probe.get("mpconfig").equals("none"),
                    "MicroProfile Config seen by the application: " + probe);
        }
    }

    @ParameterizedTest
    @EnumSource(Containers.class)
    void autoRegistrationCanBeSwitchedOffByContextParam(Containers container) throws Exception {
        TestWar war = TestWar.of(Registration.AUTO)
                .properties(Clients.properties(pki))
                .webXml("""
                <context-param>
                  <param-name>certgate.auto-register</param-name>
                  <param-value>false</param-value>
                </context-param>""");
        assertUnprotected(container, war, "off-" + container);
    }

    @ParameterizedTest
    @EnumSource(Containers.class)
    void absoluteOrderingWithoutCertgateLeavesTheJarOut(Containers container) throws Exception {
        // Not metadata-complete: a container reads fragment names (and so the ordering) only then.
        TestWar war = TestWar.of(Registration.AUTO)
                .metadataComplete(false)
                .properties(Clients.properties(pki))
                .webXml("""
                <absolute-ordering>
                  <name>certgate-probe</name>
                </absolute-ordering>""");
        assertUnprotected(container, war, "ordering-" + container);
    }

    @ParameterizedTest
    @EnumSource(Containers.class)
    void autoRegistrationCanBeSwitchedOffBySystemProperty(Containers container) throws Exception {
        TestWar war = TestWar.of(Registration.AUTO).properties(Clients.properties(pki));
        System.setProperty("certgate.auto-register", "false");
        try {
            assertUnprotected(container, war, "sysprop-off-" + container);
        } finally {
            System.clearProperty("certgate.auto-register");
        }
    }

    @ParameterizedTest
    @EnumSource(Containers.class)
    void unknownDispatcherFailsTheStart(Containers container) throws Exception {
        TestWar war = TestWar.of(Registration.AUTO)
                .properties(Clients.properties(pki) + "certgate.dispatchers=REQUEST,ASYNCH\n");
        Path file = war.export(wars, "bad-dispatchers-" + container);
        Exception e =
                assertThrows(Exception.class, () -> container.start(file, pki).close());
        if (container != Containers.TOMCAT_11) { // Tomcat only logs why; the state says it failed
            assertTrue(causes(e).contains("certgate.dispatchers"), causes(e));
        }
    }

    @ParameterizedTest
    @EnumSource(Containers.class)
    void forwardIncludeAsyncAndErrorDispatchesAreNotDecidedAgain(Containers container) throws Exception {
        // Report-only: the mTLS rule counts each time it would block and lets the request go on,
        // so a second evaluation on the dispatch would show as a second count.
        TestWar war = TestWar.of(Registration.AUTO)
                .properties(Clients.properties(pki)
                        + "certgate.mode=report-only\n"
                        + "certgate.dispatchers=REQUEST, FORWARD, INCLUDE, ASYNC, ERROR\n")
                .webXml("""
                <error-page>
                  <error-code>503</error-code>
                  <location>/health</location>
                </error-page>""");
        try (var server = container.start(war.export(wars, "dispatch-" + container), pki)) {
            Clients clients = new Clients(pki, server.port(), "");
            for (String how : List.of("forward", "include", "async")) {
                var r = clients.get(null, "TLSv1.3", "/dispatch/" + how);
                assertEquals(200, r.statusCode(), how + ": " + r.body());
                assertTrue(r.body().contains("UP"), how + " reached the target: " + r.body());
            }
            var error = clients.get(null, "TLSv1.3", "/dispatch/error");
            // The target sets its own status on the ERROR dispatch; what matters is that it was reached.
            assertTrue(error.body().contains("UP"), "the error page was dispatched to: " + error.body());
            assertEquals("4", clients.probe().get("matches"), "one decision per request");
        }
    }

    private static void assertUnprotected(Containers container, TestWar war, String name) throws Exception {
        try (var server = container.start(war.export(wars, name), pki)) {
            Clients clients = new Clients(pki, server.port(), "");
            assertEquals(200, clients.status(null, "TLSv1.3", "/api/hello"), "no certgate, no 403");
            Map<String, String> probe = clients.probe();
            assertEquals("", probe.get("filters"), "no certgate filter registered: " + probe);
            assertEquals("absent", probe.get("policy"));
        }
    }

    private static String name(Containers c, Registration r, boolean smallRye) {
        return (c + "-" + r + (smallRye ? "-smallrye" : "-builtin")).toLowerCase(java.util.Locale.ROOT);
    }

    private static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append(" <- ");
        }
        return sb.toString();
    }
}
