package dev.certgate.boot;

import dev.certgate.tls.FilterDecidesTrustManager;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;

/**
 * Tomcat: every {@code SSLHostConfig} of the connector asks for a client certificate
 * ({@code certificateVerification="optional"} unless Boot set {@code required}) and checks it with
 * {@link FilterDecidesTrustManager} ({@code trustManagerClassName}), which lets every chain through
 * to certgate. Loaded only when Tomcat is the server.
 */
final class TomcatConnectors {
    private TomcatConnectors() {}

    static void apply(Object connector) {
        for (SSLHostConfig host : ((Connector) connector).findSslHostConfigs()) {
            configure(host);
        }
    }

    /** After Boot replaced the SSLHostConfig (bundle reload): configure the new one and reload it. */
    static void reapply(Object connector) {
        apply(connector);
        ProtocolHandler protocol = ((Connector) connector).getProtocolHandler();
        if (protocol instanceof AbstractHttp11Protocol<?> http) {
            http.reloadSslHostConfigs();
        }
    }

    private static void configure(SSLHostConfig host) {
        if (host.getCertificateVerification() != SSLHostConfig.CertificateVerification.REQUIRED) {
            host.setCertificateVerification("optional");
        }
        host.setTrustManagerClassName(FilterDecidesTrustManager.class.getName());
    }
}
