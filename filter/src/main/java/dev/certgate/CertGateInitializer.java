package dev.certgate;

import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.config.ConfigSources;
import dev.certgate.internal.settings.Keys;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registers {@link CertGateFilter} as {@code certgate} for {@code /*}, ahead of every filter the
 * application declares, when the jar is in {@code WEB-INF/lib}. Found through
 * {@code META-INF/services}, so it runs even when web.xml is metadata-complete. It does nothing
 * when the application declares certgate itself, when {@code certgate.auto-register=false}
 * (context-param, system property, environment {@code CERTGATE_AUTO_REGISTER} or MicroProfile
 * Config), or when {@code <absolute-ordering>} leaves out the fragment named {@code certgate}.
 * See docs/deployment.md.
 */
public final class CertGateInitializer implements ServletContainerInitializer {
    private static final Logger LOG = System.getLogger("dev.certgate");
    static final String FILTER_NAME = "certgate";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        ServletSettings settings = settings(context);
        if (!settings.autoRegister()) {
            LOG.log(Level.INFO, "certgate: not registering the filter by itself (" + Keys.AUTO_REGISTER + "=false)");
            return;
        }
        Optional<String> declared = DeclaredFilters.certGateFilter(context);
        if (declared.isPresent()) {
            logDeclared(declared.get());
            return;
        }
        FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, CertGateFilter.class);
        if (registration == null) {
            logDeclared(FILTER_NAME); // addFilter's way of saying the name is taken
            return;
        }
        // A non-async filter would make every async servlet behind it fail.
        registration.setAsyncSupported(true);
        // isMatchAfter=false: ahead of the filters the application declares.
        registration.addMappingForUrlPatterns(EnumSet.copyOf(settings.dispatchers()), false, "/*");
        LOG.log(
                Level.INFO,
                () -> "certgate: registered filter '" + FILTER_NAME + "' for /* ahead of the"
                        + " application's filters, dispatchers " + settings.dispatchers());
    }

    private static ServletSettings settings(ServletContext context) throws ServletException {
        try {
            // No filter init-params exist yet: context-params and the sources above them.
            return ServletSettings.read(
                    ConfigSources.forWebApp(InitParams.classLoader(context), Map.of(), InitParams.of(context)));
        } catch (ConfigException e) {
            LOG.log(Level.ERROR, "certgate: invalid configuration, the application must not start: " + e.getMessage());
            throw new ServletException("certgate: invalid configuration: " + e.getMessage(), e);
        }
    }

    private static void logDeclared(String name) {
        LOG.log(
                Level.INFO,
                () -> "certgate: the application declares the certgate filter itself ('" + name
                        + "'); not registering it a second time");
    }
}
