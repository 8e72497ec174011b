package dev.certgate.boot;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.core.Ordered;

/**
 * With {@code server.ssl.*} set, makes the embedded Tomcat or Jetty <em>request</em> a client
 * certificate ({@code server.ssl.client-auth=want} unless the application chose {@code need}) and let
 * every chain through the handshake ({@code FilterDecidesTrustManager}), so that certgate decides.
 * It runs last among the factory customizers, and its connector/server customizer runs when the
 * server is built, after Boot applied its own SSL configuration; when an SSL bundle is reloaded,
 * it applies itself again after Boot's own reload (spring-boot #51146: Boot rebuilds Tomcat's
 * {@code SSLHostConfig} and ignores a custom trust manager). {@code certgate.boot.connector.enabled=false}
 * leaves the connector alone.
 */
final class ConnectorCustomizer implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {
    private static final Logger LOG = System.getLogger("dev.certgate");
    private final ObjectProvider<SslBundles> sslBundles;

    ConnectorCustomizer(ObjectProvider<SslBundles> sslBundles) {
        this.sslBundles = sslBundles;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Boot's ServerProperties customizers set server.ssl
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        if (!(factory instanceof AbstractConfigurableWebServerFactory configurable)) {
            return;
        }
        Ssl ssl = configurable.getSsl();
        if (ssl == null || !ssl.isEnabled()) {
            LOG.log(
                    Level.INFO,
                    "certgate: server.ssl is not set, the connector is left alone (plain HTTP,"
                            + " or TLS terminated elsewhere)");
            return;
        }
        if (ssl.getClientAuth() == Ssl.ClientAuth.NEED) {
            LOG.log(
                    Level.WARNING,
                    "certgate: server.ssl.client-auth=need: clients without a certificate fail the"
                            + " handshake before certgate sees them; 'want' lets certgate answer them with its block response");
        } else {
            ssl.setClientAuth(Ssl.ClientAuth.WANT);
        }
        ClassLoader loader = factory.getClass().getClassLoader();
        SslBundles bundles =
                configurable.getSslBundles() != null ? configurable.getSslBundles() : sslBundles.getIfAvailable();
        if (addCustomizer(
                factory,
                "addConnectorCustomizers",
                BootTypes.first(loader, BootTypes.TOMCAT_CONNECTOR_CUSTOMIZER),
                connector -> {
                    TomcatConnectors.apply(connector);
                    onBundleReload(ssl, bundles, bundle -> TomcatConnectors.reapply(connector));
                })) {
            log("Tomcat");
            return;
        }
        if (addCustomizer(
                factory, "addServerCustomizers", BootTypes.first(loader, BootTypes.JETTY_SERVER_CUSTOMIZER), server -> {
                    JettyConnectors.apply(server, WebServerSslBundle.get(ssl, bundles));
                    onBundleReload(ssl, bundles, bundle -> JettyConnectors.reapply(server, bundle));
                })) {
            log("Jetty");
            return;
        }
        LOG.log(
                Level.WARNING,
                "certgate: " + factory.getClass().getName() + " is neither Tomcat nor Jetty; configure"
                        + " its connector to request client certificates and to let every chain through (docs/spring-boot.md)");
    }

    private static void log(String container) {
        LOG.log(
                Level.INFO,
                "certgate: the embedded " + container + " requests client certificates and lets every"
                        + " chain through the handshake (FilterDecidesTrustManager): certgate decides;"
                        + " certgate.boot.connector.enabled=false leaves the connector alone");
    }

    /** Boot calls the handlers of a bundle in order; this one is added after Boot's own. */
    private static void onBundleReload(Ssl ssl, SslBundles bundles, Consumer<SslBundle> reapply) {
        if (ssl.getBundle() != null && bundles != null) {
            bundles.addBundleUpdateHandler(ssl.getBundle(), reapply);
        }
    }

    /**
     * Adds a container customizer through the factory's own {@code add...Customizers} method: the
     * customizer interface is Boot-version specific (see {@link BootTypes}), its one method takes the
     * container's connector or server.
     */
    private static boolean addCustomizer(
            ConfigurableWebServerFactory factory,
            String adder,
            Optional<Class<?>> customizerType,
            Consumer<Object> customize) {
        if (customizerType.isEmpty() || !hasAdder(factory, adder, customizerType.get())) {
            return false;
        }
        Class<?> type = customizerType.get();
        Object customizer =
                Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "certgate " + type.getSimpleName();
                        };
                    }
                    customize.accept(args[0]);
                    return null;
                });
        Object array = Array.newInstance(type, 1);
        Array.set(array, 0, customizer);
        try {
            Method add = factory.getClass().getMethod(adder, array.getClass());
            add.invoke(factory, array);
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "certgate: cannot add a " + type.getName() + " to " + factory.getClass(), e);
        }
    }

    private static boolean hasAdder(ConfigurableWebServerFactory factory, String adder, Class<?> type) {
        try {
            factory.getClass().getMethod(adder, Array.newInstance(type, 0).getClass());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
