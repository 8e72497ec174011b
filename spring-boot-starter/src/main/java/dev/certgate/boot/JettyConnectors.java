package dev.certgate.boot;

import dev.certgate.tls.FilterDecidesTrustManager;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.springframework.boot.ssl.SslBundle;

/**
 * Jetty: every TLS connector wants a client certificate (unless Boot set need) and gets an
 * {@link SSLContext} with the bundle's own key managers and {@link FilterDecidesTrustManager}, which
 * lets every chain through to certgate. Boot builds Jetty's context from the bundle, so the bundle's
 * trust material is replaced, not combined. Loaded only when Jetty is the server.
 */
final class JettyConnectors {
    private JettyConnectors() {}

    static void apply(Object server, SslBundle bundle) {
        for (Connector connector : ((Server) server).getConnectors()) {
            SslConnectionFactory tls = connector.getConnectionFactory(SslConnectionFactory.class);
            if (tls != null) {
                configure(tls.getSslContextFactory(), bundle);
            }
        }
    }

    /** After Boot reloaded the bundle into Jetty: the new key material, certgate's trust manager again. */
    static void reapply(Object server, SslBundle bundle) {
        for (Connector connector : ((Server) server).getConnectors()) {
            SslConnectionFactory tls = connector.getConnectionFactory(SslConnectionFactory.class);
            if (tls != null) {
                try {
                    tls.getSslContextFactory().reload(factory -> configure((SslContextFactory.Server) factory, bundle));
                } catch (Exception e) {
                    throw new IllegalStateException("certgate: reloading Jetty's TLS configuration failed: " + e, e);
                }
            }
        }
    }

    private static void configure(SslContextFactory.Server factory, SslBundle bundle) {
        if (!factory.getNeedClientAuth()) {
            factory.setWantClientAuth(true);
        }
        factory.setSslContext(context(bundle));
    }

    private static SSLContext context(SslBundle bundle) {
        try {
            SSLContext context = SSLContext.getInstance(bundle.getProtocol());
            context.init(
                    bundle.getManagers().getKeyManagers(), new TrustManager[] {new FilterDecidesTrustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("certgate: cannot build the TLS context of the Jetty connector: " + e, e);
        }
    }
}
