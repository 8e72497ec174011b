package dev.certgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.config.MapSource;
import dev.certgate.internal.config.TestPolicies;
import dev.certgate.internal.ops.Operations;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** The servlet settings, the initializer's back-off and switches, and one decider per context, in Jetty ee10. */
class RegistrationTest {

    @Test
    void dispatchersDefaultToRequestAndAcceptAListInAnyCase() throws Exception {
        assertEquals(
                EnumSet.of(DispatcherType.REQUEST),
                ServletSettings.read(source(Map.of())).dispatchers());
        assertEquals(
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC),
                ServletSettings.read(source(Map.of("certgate.dispatchers", " request , Async ")))
                        .dispatchers());
    }

    @Test
    void unknownDispatcherNamesTheProperty() {
        TestPolicies.assertFailsAt(
                "certgate.dispatchers",
                () -> ServletSettings.read(source(Map.of("certgate.dispatchers", "REQUEST,ASYNCH"))),
                "ASYNCH");
    }

    @Test
    void dispatchersWithoutRequestAreRefused() {
        TestPolicies.assertFailsAt(
                "certgate.dispatchers", () -> ServletSettings.read(source(Map.of("certgate.dispatchers", "ASYNC"))));
    }

    @Test
    void autoRegisterAcceptsOnlyTrueOrFalse() throws Exception {
        assertTrue(ServletSettings.read(source(Map.of())).autoRegister());
        assertEquals(
                false,
                ServletSettings.read(source(Map.of("certgate.auto-register", "FALSE")))
                        .autoRegister());
        TestPolicies.assertFailsAt(
                "certgate.auto-register", () -> ServletSettings.read(source(Map.of("certgate.auto-register", "no"))));
    }

    @Test
    void initializerRegistersCertgateFirstForAllPathsWithTheConfiguredDispatchers() throws Exception {
        ServletContextHandler context = context();
        context.setInitParameter("certgate.dispatchers", "REQUEST,ERROR");
        context.addFilter(holder(NoOp.class, "app"), "/*", EnumSet.of(DispatcherType.REQUEST));
        run(context, () -> {
            FilterRegistration certgate = context.getServletContext().getFilterRegistration("certgate");
            assertNotNull(certgate);
            assertEquals(CertGateFilter.class.getName(), certgate.getClassName());
            assertEquals(List.of("/*"), List.copyOf(certgate.getUrlPatternMappings()));
            var mappings = context.getServletHandler().getFilterMappings();
            assertEquals("certgate", mappings[0].getFilterName(), "ahead of the application's filters");
            assertTrue(mappings[0].appliesTo(DispatcherType.ERROR));
            assertTrue(!mappings[0].appliesTo(DispatcherType.FORWARD));
            assertTrue(context.getServletHandler().getFilter("certgate").isAsyncSupported());
        });
    }

    @Test
    void initializerBacksOffForACertgateFilterUnderAnotherName() throws Exception {
        ServletContextHandler context = context();
        context.addFilter(holder(CertGateFilter.class, "mtls"), "/*", EnumSet.of(DispatcherType.REQUEST));
        run(context, () -> {
            assertNull(context.getServletContext().getFilterRegistration("certgate"));
            assertEquals(1, context.getServletHandler().getFilters().length);
        });
    }

    @Test
    void initializerDoesNothingWhenSwitchedOff() throws Exception {
        ServletContextHandler context = context();
        context.setInitParameter("certgate.auto-register", "false");
        run(context, () -> assertNull(context.getServletContext().getFilterRegistration("certgate")));
    }

    @Test
    void aSecondCertgateFilterStaysPassive() throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        FilterHolder first = holder(CertGateFilter.class, "certgate");
        FilterHolder second = holder(CertGateFilter.class, "certgate-again");
        context.addFilter(first, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(second, "/*", EnumSet.of(DispatcherType.REQUEST));
        run(context, () -> {
            CertGateFilter a = (CertGateFilter) first.getFilter();
            CertGateFilter b = (CertGateFilter) second.getFilter();
            assertTrue((a.policy() == null) != (b.policy() == null), "exactly one has a policy");
            CertGateFilter decider = a.policy() != null ? a : b;
            assertSame(decider.policy(), context.getServletContext().getAttribute(Operations.POLICY_ATTRIBUTE));
            assertNull((a == decider ? b : a).status(), "the passive filter has no status");
            CertGateStatus status =
                    (CertGateStatus) context.getServletContext().getAttribute(CertGateFilter.STATUS_ATTRIBUTE);
            assertEquals(1, status.policyVersion());
            assertEquals(decider.policy().allRules().size(), status.ruleCount());
            assertEquals(decider.status().hostGroups(), status.hostGroups());
            assertTrue(status.enabled());
            assertTrue(
                    status.metrics().stream()
                            .anyMatch(m -> m.name().equals("certgate_policy_version") && m.value() == 1),
                    status.metrics().toString());
            assertEquals(1, status.metric("certgate_policy_version", java.util.Map.of()));
        });
        assertNull(
                context.getServletContext().getAttribute(Operations.POLICY_ATTRIBUTE),
                "destroy withdraws the published policy");
        assertNull(
                context.getServletContext().getAttribute(CertGateFilter.STATUS_ATTRIBUTE),
                "destroy withdraws the status view");
    }

    private static FilterHolder holder(Class<? extends jakarta.servlet.Filter> type, String name) {
        FilterHolder holder = new FilterHolder(type);
        holder.setName(name);
        return holder;
    }

    private static ServletContextHandler context() {
        ServletContextHandler context = new ServletContextHandler();
        context.addServletContainerInitializer(new CertGateInitializer());
        return context;
    }

    private static void run(ServletContextHandler context, Check check) throws Exception {
        Server server = new Server();
        server.setHandler(context);
        server.start();
        try {
            check.run();
        } finally {
            server.stop();
        }
    }

    private static MapSource source(Map<String, String> values) {
        return new MapSource(values, "test");
    }

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    /** An application filter. */
    public static class NoOp implements jakarta.servlet.Filter {
        @Override
        public void doFilter(
                jakarta.servlet.ServletRequest req,
                jakarta.servlet.ServletResponse res,
                jakarta.servlet.FilterChain chain)
                throws java.io.IOException, jakarta.servlet.ServletException {
            chain.doFilter(req, res);
        }
    }
}
