package dev.certgate;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a certgate filter the application declared itself (web.xml, web-fragment.xml, an annotated
 * subclass already processed, or another initializer): one named {@code certgate}, or any filter
 * whose class is {@link CertGateFilter} or a subclass, whatever its name.
 */
final class DeclaredFilters {
    private DeclaredFilters() {}

    /** The name of the application's own certgate filter, if it has one. */
    static Optional<String> certGateFilter(ServletContext context) {
        Map<String, ? extends FilterRegistration> registrations = context.getFilterRegistrations();
        if (registrations.containsKey(CertGateInitializer.FILTER_NAME)) {
            return Optional.of(CertGateInitializer.FILTER_NAME);
        }
        ClassLoader classLoader = InitParams.classLoader(context);
        for (Map.Entry<String, ? extends FilterRegistration> e : registrations.entrySet()) {
            if (isCertGate(e.getValue().getClassName(), classLoader)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    private static boolean isCertGate(String className, ClassLoader classLoader) {
        if (className == null) {
            return false;
        }
        if (className.equals(CertGateFilter.class.getName())) {
            return true;
        }
        try {
            // Not initialised: only the type hierarchy matters here.
            return CertGateFilter.class.isAssignableFrom(Class.forName(className, false, classLoader));
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // the container will report that filter's problem itself
        }
    }
}
