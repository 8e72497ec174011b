package dev.certgate.demo;

import dev.certgate.testing.TestIdentity;
import dev.certgate.tls.FilterDecidesTrustManager;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12 (ee10) over HTTPS (HTTP/2 and HTTP/1.1) the way docs/deployment.md recommends for certgate: client
 * certificates wanted, not needed, and every certificate let through the handshake so the filter
 * is the one authority.
 */
public final class JettyLauncher {
    private JettyLauncher() {}

    public static Server start(Path war, Path serverKeyStore, int port) throws Exception {
        return start(webApp(war), serverKeyStore, port, true);
    }

    /** The WAR as a web application at "/", failing the start when the application does not start. */
    public static WebAppContext webApp(Path war) {
        WebAppContext app = new WebAppContext();
        app.setContextPath("/");
        app.setWar(war.toString());
        app.setThrowUnavailableOnStartupException(true);
        return app;
    }

    /**
     * Starts {@code handler} behind an HTTPS connector on localhost ({@code port} 0 picks a free one).
     *
     * @param sniHostCheck Jetty's check that the Host header is a name of the server certificate
     */
    public static Server start(Handler handler, Path serverKeyStore, int port, boolean sniHostCheck) throws Exception {
        Server server = new Server();
        SslContextFactory.Server tls = filterDecides();
        tls.setKeyStorePath(serverKeyStore.toString());
        tls.setKeyStorePassword(new String(TestIdentity.PASSWORD));
        tls.setKeyStoreType("PKCS12");
        tls.setWantClientAuth(true);

        HttpConfiguration http = new HttpConfiguration();
        http.setSecureScheme("https");
        http.addCustomizer(new SecureRequestCustomizer(sniHostCheck));
        // HTTP/2 and HTTP/1.1, chosen by ALPN (HTTP/1.1 for a client that offers no ALPN).
        HttpConnectionFactory http11 = new HttpConnectionFactory(http);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1", "http/1.0");
        alpn.setDefaultProtocol(http11.getProtocol());
        ServerConnector connector = new ServerConnector(
                server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, http11, new Http10(http11));
        connector.setHost("localhost");
        connector.setPort(port);
        server.addConnector(connector);

        server.setHandler(handler);
        server.start();
        return server;
    }

    /**
     * A client offering only "http/1.0" by ALPN ({@code curl --http1.0}) gets the HTTP/1.x
     * connection too, instead of a failed handshake: Jetty has no factory of that name.
     */
    private static final class Http10 extends AbstractConnectionFactory {
        private final HttpConnectionFactory http;

        Http10(HttpConnectionFactory http) {
            super("http/1.0");
            this.http = http;
        }

        @Override
        public Connection newConnection(Connector connector, EndPoint endPoint) {
            return http.newConnection(connector, endPoint);
        }
    }

    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** An SslContextFactory whose trust managers let every client certificate through. */
    public static SslContextFactory.Server filterDecides() {
        return new SslContextFactory.Server() {
            @Override
            protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
                return new TrustManager[] {new FilterDecidesTrustManager()};
            }
        };
    }
}
