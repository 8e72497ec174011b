package dev.certgate.it.arquillian;

import dev.certgate.testing.TestIdentity;
import dev.certgate.tls.FilterDecidesTrustManager;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor;
import org.jboss.shrinkwrap.api.Archive;

/**
 * The adapter's HTTPS connector can only need client certificates, and validates them against its
 * trust store. When a deployment starts (the server is known by then), this asks for them without
 * requiring them and swaps in an SSL context whose trust manager lets every certificate through:
 * the want-mode that docs/deployment.md recommends. Jetty applies want/need per new connection.
 */
public class WantClientCertificates implements WebAppContextProcessor {
    @Override
    public void process(WebAppContext context, Archive<?> archive) {
        context.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : context.getServer().getConnectors()) {
                    SslConnectionFactory ssl = connector.getConnectionFactory(SslConnectionFactory.class);
                    if (ssl != null) {
                        filterDecides(ssl.getSslContextFactory());
                    }
                }
            }
        });
    }

    private static synchronized void filterDecides(SslContextFactory.Server tls) {
        if (tls.getWantClientAuth()) {
            return; // an earlier deployment did it
        }
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (var in = java.nio.file.Files.newInputStream(SharedPki.get().serverKeyStore)) {
                keys.load(in, TestIdentity.PASSWORD);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, TestIdentity.PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    kmf.getKeyManagers(), new TrustManager[] {new FilterDecidesTrustManager()}, new SecureRandom());
            tls.reload(f -> f.setSslContext(context));
            tls.setNeedClientAuth(false);
            tls.setWantClientAuth(true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot switch the test connector to want-mode", e);
        }
    }
}
