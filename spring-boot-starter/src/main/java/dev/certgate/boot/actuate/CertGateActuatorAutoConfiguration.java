package dev.certgate.boot.actuate;

import dev.certgate.boot.CertGateAutoConfiguration;
import dev.certgate.internal.ops.Operations;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Actuator, when present: the {@code certgate} health indicator, Micrometer meters and the
 * {@code certgate} info section, all read from certgate's {@link Operations} (the running policy and
 * the core's metrics view).
 */
@AutoConfiguration(after = CertGateAutoConfiguration.class)
@ConditionalOnBean(Operations.class)
public class CertGateActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean(name = "certgateMetrics")
        MeterBinder certgateMetrics(Operations operations) {
            return new CertGateMetrics(operations.metrics());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(InfoContributor.class)
    @ConditionalOnProperty(name = "management.info.certgate.enabled", havingValue = "true", matchIfMissing = true)
    static class InfoSection {
        @Bean
        @ConditionalOnMissingBean(name = "certgateInfoContributor")
        InfoContributor certgateInfoContributor(Operations operations) {
            return new CertGateInfoContributor(new PolicyView(operations), Clock.systemUTC());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "management.health.certgate.enabled", havingValue = "true", matchIfMissing = true)
    @Import(HealthRegistrar.class)
    static class HealthCheck {}

    /** Registers the indicator under the interface type of the running Boot, so Boot's health registry finds it. */
    static class HealthRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware {
        static final String BEAN = "certgateHealthIndicator";
        private BeanFactory beanFactory;

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            if (registry.containsBeanDefinition(BEAN)) {
                return;
            }
            HealthIndicators.type(getClass().getClassLoader()).ifPresent(type -> {
                RootBeanDefinition definition = new RootBeanDefinition();
                definition.setTargetType(type);
                definition.setInstanceSupplier(() -> HealthIndicators.create(
                        type,
                        new CertGateHealth(new PolicyView(beanFactory.getBean(Operations.class)), Clock.systemUTC())));
                registry.registerBeanDefinition(BEAN, definition);
            });
        }
    }
}
