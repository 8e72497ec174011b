package dev.certgate.boot;

import dev.certgate.CertGateFilter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * certgate decides once per request, so it is registered once. Boot registers every {@code Filter}
 * bean by itself; an application that also declares a {@link CertGateFilter} bean (or a
 * {@link FilterRegistrationBean} of one) would otherwise get a second, differently configured
 * certgate. A declared filter bean is replaced by the starter's (the same object, so Boot registers
 * it only through the {@code certgate} registration); a declared registration is disabled. Both are
 * logged as warnings.
 */
final class DeclaredCertGateFilters implements BeanPostProcessor {
    private static final Logger LOG = System.getLogger("dev.certgate");
    private final ObjectProvider<BeanFactory> beanFactory;

    DeclaredCertGateFilters(ObjectProvider<BeanFactory> beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof CertGateFilter && !beanName.equals(CertGateAutoConfiguration.FILTER_BEAN)) {
            LOG.log(
                    Level.WARNING,
                    () -> "certgate: the application declares a certgate filter bean '" + beanName
                            + "'; the starter registers certgate itself (once, as '"
                            + CertGateAutoConfiguration.FILTER_NAME
                            + "', configured from the Environment), so that bean is the starter's filter");
            return beanFactory.getObject().getBean(CertGateAutoConfiguration.FILTER_BEAN, CertGateFilter.class);
        }
        if (bean instanceof FilterRegistrationBean<?> registration
                && registration.getFilter() instanceof CertGateFilter
                && !beanName.equals(CertGateAutoConfiguration.REGISTRATION_BEAN)) {
            LOG.log(
                    Level.WARNING,
                    () -> "certgate: the application declares a registration '" + beanName
                            + "' of a certgate filter; disabled, the starter registers certgate itself (once, as '"
                            + CertGateAutoConfiguration.FILTER_NAME + "')");
            registration.setEnabled(false);
        }
        return bean;
    }
}
