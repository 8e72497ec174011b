package dev.certgate.boot;

import dev.certgate.CertGateFilter;
import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.hosting.Hosting;
import dev.certgate.internal.ops.Operations;
import dev.certgate.internal.policy.Policy;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * certgate for a Spring Boot servlet application: the policy from Spring's Environment (validated
 * while the context starts: a bad key or expression fails it), the filter registered once as
 * {@code certgate} ahead of Spring Security, and the embedded connector set to request client
 * certificates and let certgate decide. Off with {@code certgate.enabled=false}. See docs/spring-boot.md.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({CertGateFilter.class, FilterRegistrationBean.class})
@ConditionalOnProperty(prefix = "certgate", name = "enabled", havingValue = "true", matchIfMissing = true)
public class CertGateAutoConfiguration {
    private static final Logger LOG = System.getLogger("dev.certgate");
    /** The filter's name in the servlet context, as everywhere else certgate registers itself. */
    public static final String FILTER_NAME = "certgate";

    static final String FILTER_BEAN = "certgateFilter";
    static final String REGISTRATION_BEAN = "certgateFilterRegistration";

    @Bean
    @ConditionalOnMissingBean
    SpringEnvironmentSource certgateEnvironmentSource(ConfigurableEnvironment environment) {
        return new SpringEnvironmentSource(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    StarterSettings certgateStarterSettings(SpringEnvironmentSource source, ConfigurableEnvironment environment) {
        int securityOrder = environment.getProperty(
                StarterSettings.SECURITY_ORDER, Integer.class, StarterSettings.SECURITY_DEFAULT_ORDER);
        try {
            return StarterSettings.read(source, securityOrder);
        } catch (ConfigException e) {
            throw new CertGateConfigurationException(e);
        }
    }

    /**
     * certgate running: the compiled policy (every certgate.* key read and validated here, before the
     * server starts; a bad one fails the context), hot reload, the metrics view and decision events.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Operations certgateOperations(SpringEnvironmentSource source, StarterSettings settings) {
        try {
            Operations operations = Operations.start(
                    () -> source,
                    CertGateAutoConfiguration.class.getClassLoader(),
                    Clock.systemUTC(),
                    StarterSettings.keys(),
                    policy -> {});
            Policy policy = operations.policy();
            LOG.log(
                    Level.INFO,
                    () -> "certgate: started with " + policy.groups().size() + " host group(s), "
                            + policy.allRules().size() + " rule(s), configuration from " + source.description()
                            + (policy.reportOnly() ? ", REPORT-ONLY (nothing is blocked)" : "")
                            + (policy.enabled() ? "" : ", DISABLED by certgate.enabled=false"));
            LOG.log(Level.INFO, () -> "certgate: " + policy.describeHosts());
            if (!policy.forwarding().isOff()) {
                LOG.log(Level.INFO, () -> "certgate: " + policy.forwarding().describe());
            }
            return operations;
        } catch (ConfigException e) {
            throw new CertGateConfigurationException(e);
        }
    }

    @Bean(FILTER_BEAN)
    CertGateFilter certgateFilter(Operations operations) {
        return (CertGateFilter) Hosting.filter(operations);
    }

    /**
     * The one registration: {@code /*}, async-supported, the dispatchers of {@code certgate.dispatchers}
     * (REQUEST by default), ordered by {@code certgate.boot.filter.order} (ahead of Spring Security).
     */
    @Bean(REGISTRATION_BEAN)
    FilterRegistrationBean<CertGateFilter> certgateFilterRegistration(
            @org.springframework.beans.factory.annotation.Qualifier(FILTER_BEAN) CertGateFilter filter,
            StarterSettings settings) {
        FilterRegistrationBean<CertGateFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName(FILTER_NAME);
        registration.addUrlPatterns("/*");
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(java.util.EnumSet.copyOf(settings.dispatchers()));
        registration.setOrder(settings.filterOrder());
        LOG.log(
                Level.INFO,
                () -> "certgate: registered filter '" + FILTER_NAME + "' for /*, order "
                        + settings.filterOrder() + " (Spring Security's chain: " + StarterSettings.SECURITY_ORDER
                        + "), dispatchers " + settings.dispatchers());
        return registration;
    }

    /** Keeps certgate registered once when the application declares a certgate filter bean of its own. */
    @Bean
    static DeclaredCertGateFilters certgateDeclaredFilters(
            ObjectProvider<org.springframework.beans.factory.BeanFactory> beanFactory) {
        return new DeclaredCertGateFilters(beanFactory);
    }

    @Bean
    @ConditionalOnProperty(name = StarterSettings.CONNECTOR, havingValue = "true", matchIfMissing = true)
    ConnectorCustomizer certgateConnectorCustomizer(ObjectProvider<SslBundles> sslBundles) {
        return new ConnectorCustomizer(sslBundles);
    }
}
