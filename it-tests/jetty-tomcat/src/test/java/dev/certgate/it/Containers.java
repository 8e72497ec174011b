package dev.certgate.it;

import dev.certgate.demo.JettyLauncher;
import dev.certgate.testing.TestIdentity;
import dev.certgate.tls.FilterDecidesTrustManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.server.Server;

/**
 * The embedded containers of the matrix, each over HTTPS on a free port, client certificates
 * requested but not required and every one let through the handshake (docs/deployment.md).
 */
enum Containers {
    JETTY_12_1_EE10 {
        @Override
        Started start(Path war, Pki pki) throws Exception {
            Server server = JettyLauncher.start(JettyLauncher.webApp(war), pki.serverKeyStore, 0, true);
            return new Started(JettyLauncher.port(server), server::stop);
        }
    },
    JETTY_12_1_EE11 {
        @Override
        Started start(Path war, Pki pki) throws Exception {
            org.eclipse.jetty.ee11.webapp.WebAppContext app = new org.eclipse.jetty.ee11.webapp.WebAppContext();
            app.setContextPath("/");
            app.setWar(war.toString());
            app.setThrowUnavailableOnStartupException(true);
            Server server = JettyLauncher.start(app, pki.serverKeyStore, 0, true);
            return new Started(JettyLauncher.port(server), server::stop);
        }
    },
    TOMCAT_11 {
        @Override
        Started start(Path war, Pki pki) throws Exception {
            Path base = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target").toAbsolutePath()), "certgate-tomcat");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            tomcat.getHost().setAppBase(base.toString());
            Connector connector = httpsConnector(pki);
            tomcat.getService().addConnector(connector);
            tomcat.setConnector(connector);
            StandardContext context = (StandardContext) tomcat.addWebapp("", war.toString());
            StandardJarScanner scanner = new StandardJarScanner();
            scanner.setScanClassPath(false); // only the WAR's jars, as in a standalone Tomcat
            context.setJarScanner(scanner);
            // The test JVM has certgate on its class path too (for the trust manager): its
            // initializer must come from the WAR, where <absolute-ordering> can leave it out.
            context.setContainerSciFilter("dev\\.certgate\\..*");
            tomcat.start();
            if (context.getState() != LifecycleState.STARTED) {
                tomcat.stop();
                tomcat.destroy();
                throw new IllegalStateException(
                        "Tomcat did not start the web application (" + context.getState() + "); see the log above");
            }
            return new Started(connector.getLocalPort(), () -> {
                tomcat.stop();
                tomcat.destroy();
            });
        }

        /** certificateVerification="optional" + trustManagerClassName: Tomcat's want-mode with certgate deciding. */
        private Connector httpsConnector(Pki pki) {
            Connector connector = new Connector("HTTP/1.1");
            connector.setPort(0);
            connector.setProperty("address", "localhost");
            connector.setScheme("https");
            connector.setSecure(true);
            connector.setProperty("SSLEnabled", "true");
            SSLHostConfig tls = new SSLHostConfig();
            tls.setProtocols("TLSv1.2+TLSv1.3");
            tls.setCertificateVerification("optional");
            tls.setTrustManagerClassName(FilterDecidesTrustManager.class.getName());
            SSLHostConfigCertificate certificate =
                    new SSLHostConfigCertificate(tls, SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystoreFile(pki.serverKeyStore.toString());
            certificate.setCertificateKeystorePassword(new String(TestIdentity.PASSWORD));
            certificate.setCertificateKeystoreType("PKCS12");
            tls.addCertificate(certificate);
            connector.addSslHostConfig(tls);
            return connector;
        }
    };

    /** Deploys {@code war} at "/" and starts; throws when the application does not start. */
    abstract Started start(Path war, Pki pki) throws Exception;

    record Started(int port, Stopper stopper) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stopper.stop();
        }
    }

    @FunctionalInterface
    interface Stopper {
        void stop() throws Exception;
    }
}
