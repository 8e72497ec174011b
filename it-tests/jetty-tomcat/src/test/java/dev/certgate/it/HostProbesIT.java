package dev.certgate.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.CertGateFilter;
import dev.certgate.demo.DemoPki;
import dev.certgate.demo.JettyLauncher;
import dev.certgate.testing.TestIdentity;
import dev.certgate.tls.FilterDecidesTrustManager;
import jakarta.servlet.DispatcherType;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 11 §1: the hosts a client can name. Whatever it writes as Host (or {@code :authority}),
 * or leaves out, no request without a valid client certificate gets a 200 from a protected
 * application: against the demo exactly as shipped (its WAR, its PKI, its connector with Jetty's
 * SNI host check) and against an application with two host groups on a connector without that
 * check, in Jetty and in Tomcat (which has none), where every Host reaches certgate.
 */
class HostProbesIT {

    /** The README's demo: the example WAR as built, DemoPki, JettyLauncher as DemoServer starts it. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ShippedDemo {
        private Server server;
        private int port;
        private X509Certificate serverCa;
        private TestIdentity client;
        private TestIdentity stranger;

        @BeforeAll
        void start() throws Exception {
            Path pki = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target").toAbsolutePath()), "demo-pki");
            DemoPki.ensure(pki);
            serverCa = readCertificate(pki.resolve("server-ca.pem"));
            client = readIdentity(pki.resolve("client.pem"), pki.resolve("client-key.pem"));
            stranger = readIdentity(pki.resolve("stranger.pem"), pki.resolve("stranger-key.pem"));
            Path war = Path.of(System.getProperty("it.war"));
            assertTrue(Files.isRegularFile(war), "build the example WAR first: " + war);
            WebAppContext app = JettyLauncher.webApp(war);
            app.setInitParameter("certgate.trust", "file:" + pki.resolve("ca.pem"));
            server = JettyLauncher.start(app, pki.resolve("server.p12"), 0, true);
            port = JettyLauncher.port(server);
        }

        @AfterAll
        void stop() throws Exception {
            if (server != null) {
                server.stop();
            }
        }

        @Test
        void namesOfTheServerCertificateNeedAClientCertificate() throws Exception {
            // Every name of the server certificate, as the client may spell it.
            List<String> hosts = List.of(
                    "127.0.0.1",
                    "127.0.0.1:" + port,
                    "localhost",
                    "LOCALHOST",
                    "LocalHost:" + port,
                    "localhost:1",
                    "localhost:443",
                    "api.example.com",
                    "API.EXAMPLE.COM",
                    "Api.Example.Com:" + port);
            List<Executable> checks = new ArrayList<>();
            for (String host : hosts) {
                checks.add(() -> assertEquals(403, http11(null, host, "/api/hello"), "no certificate, Host: " + host));
                checks.add(() -> assertEquals(403, http11(stranger, host, "/api/hello"), "stranger, Host: " + host));
                checks.add(() -> assertEquals(200, http11(client, host, "/api/hello"), "client, Host: " + host));
                checks.add(() -> assertEquals(
                        403,
                        Http2Probe.status(null, serverCa, port, host, "/api/hello"),
                        "HTTP/2 no certificate, :authority " + host));
                checks.add(() -> assertEquals(
                        200,
                        Http2Probe.status(client, serverCa, port, host, "/api/hello"),
                        "HTTP/2 client, :authority " + host));
            }
            assertAll(checks);
        }

        @Test
        void trailingDotsAreRefusedByJettysSniCheckBeforeCertgate() throws Exception {
            // Jetty compares the Host with the certificate's names literally; certgate would read
            // these as the listed names (see TwoGroupsWithoutSniCheck), here they never get that far.
            List<Executable> checks = new ArrayList<>();
            for (String host :
                    List.of("localhost.", "LocalHost.:" + port, "API.EXAMPLE.COM.", "api.example.com.:443")) {
                checks.add(() -> assertEquals(400, http11(null, host, "/api/hello"), "no certificate, Host: " + host));
                checks.add(() -> assertEquals(400, http11(client, host, "/api/hello"), "client, Host: " + host));
                checks.add(() -> assertEquals(
                        400,
                        Http2Probe.status(null, serverCa, port, host, "/api/hello"),
                        "HTTP/2 no certificate, :authority " + host));
            }
            assertAll(checks);
        }

        @Test
        void aRequestNamingNoHostIsBlockedEvenWithACertificate() throws Exception {
            assertAll(
                    () -> assertEquals(
                            403, raw(null, "GET /api/hello HTTP/1.0\r\n\r\n").status(), "HTTP/1.0, no cert"),
                    () -> assertEquals(
                            403, raw(client, "GET /api/hello HTTP/1.0\r\n\r\n").status(), "HTTP/1.0, client"),
                    () -> assertEquals(
                            403, raw(null, "GET /health HTTP/1.0\r\n\r\n").status(), "HTTP/1.0 health"),
                    // As curl --http1.0 offers it: ALPN "http/1.0" only.
                    () -> assertEquals(
                            403,
                            RawHttps.create(client, serverCa)
                                    .send("localhost", port, "GET /api/hello HTTP/1.0\r\n\r\n", "http/1.0")
                                    .status(),
                            "ALPN http/1.0, client"),
                    () -> assertEquals(
                            200,
                            RawHttps.create(client, serverCa)
                                    .send(
                                            "localhost",
                                            port,
                                            "GET /api/hello HTTP/1.0\r\nHost: localhost\r\n\r\n",
                                            "http/1.0")
                                    .status(),
                            "ALPN http/1.0 with Host, client"),
                    () -> assertEquals(
                            400,
                            raw(null, "GET /api/hello HTTP/1.1\r\nConnection: close\r\n\r\n")
                                    .status(),
                            "HTTP/1.1 without Host is a protocol error"),
                    // Jetty's SNI check refuses HTTP/2 without :authority here (it passes with the check
                    // off and certgate blocks it: TwoGroupsWithoutSniCheck).
                    () -> assertEquals(
                            400,
                            Http2Probe.status(null, serverCa, port, null, "/api/hello"),
                            "HTTP/2 without :authority, no cert"),
                    () -> assertEquals(
                            400,
                            Http2Probe.status(client, serverCa, port, null, "/api/hello"),
                            "HTTP/2 without :authority, client"));
        }

        @Test
        void namesOutsideTheServerCertificateNeverReachTheApplication() throws Exception {
            List<Executable> checks = new ArrayList<>();
            for (String host :
                    List.of("other.example.com", "[::1]", "[::1]:" + port, "127.0.0.2", "localhost.localdomain")) {
                checks.add(() -> assertNotEquals(200, http11(null, host, "/api/hello"), "Host: " + host));
                checks.add(() -> assertNotEquals(200, http11(client, host, "/health"), "client, Host: " + host));
            }
            assertAll(checks);
        }

        @Test
        void theHealthCheckStaysPublicOnTheListedNames() throws Exception {
            assertEquals(200, http11(null, "127.0.0.1", "/health"));
            assertEquals(200, Http2Probe.status(null, serverCa, port, "localhost:" + port, "/health"));
        }

        private int http11(TestIdentity identity, String host, String path) throws Exception {
            return raw(identity, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .status();
        }

        private RawHttps.Response raw(TestIdentity identity, String request) throws Exception {
            return RawHttps.create(identity, serverCa).send("localhost", port, request);
        }
    }

    /** Two host groups, the SNI host check off: every Host the client writes reaches certgate. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TwoGroupsWithoutSniCheck {
        private Pki pki;
        private Server server;
        private int port;

        @BeforeAll
        void start() throws Exception {
            pki = new Pki();
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            FilterHolder filter = new FilterHolder(CertGateFilter.class);
            filter.setName("certgate");
            filter.setInitParameter("certgate.hosts", "api,partners");
            filter.setInitParameter("certgate.host.api.names", "api.example.com");
            filter.setInitParameter("certgate.host.api.trust", "file:" + pki.apiCaPem);
            filter.setInitParameter("certgate.host.partners.names", "*.partners.example.com");
            filter.setInitParameter("certgate.host.partners.trust", pki.partnersCaPem.toString());
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new MtlsHostsIT.HelloServlet()), "/*");
            server = JettyLauncher.start(context, pki.serverKeyStore, 0, false);
            port = JettyLauncher.port(server);
        }

        @AfterAll
        void stop() throws Exception {
            if (server != null) {
                server.stop();
            }
        }

        @Test
        void noHostOutsideTheGroupsAnswersWithoutACertificate() throws Exception {
            TestIdentity apiClient = pki.apiCa.leaf("CN=api client").issue();
            List<String> unmatched = List.of(
                    "127.0.0.1",
                    "127.0.0.1:" + port,
                    "localhost",
                    "LOCALHOST.:" + port,
                    "public.example.com",
                    "partners.example.com",
                    "[::1]:" + port,
                    "api.example.com.evil",
                    "evil.api.example.com",
                    "xapi.example.com");
            List<Executable> checks = new ArrayList<>();
            for (String host : unmatched) {
                checks.add(() -> assertEquals(403, http11(null, host), "no certificate, Host: " + host));
                checks.add(() -> assertEquals(403, http11(apiClient, host), "api client, Host: " + host));
                checks.add(() -> assertEquals(
                        403,
                        Http2Probe.status(null, pki.serverCa.certificate(), port, host, "/x"),
                        "HTTP/2 :authority " + host));
            }
            for (String malformed : List.of("api.example.com@evil", "evil/api.example.com")) {
                checks.add(() -> assertEquals(400, http11(apiClient, malformed), "Jetty refuses Host: " + malformed));
            }
            checks.add(
                    () -> assertEquals(403, raw(null, "GET /x HTTP/1.0\r\n\r\n").status(), "HTTP/1.0 without Host"));
            checks.add(() -> assertEquals(
                    403, raw(apiClient, "GET /x HTTP/1.0\r\n\r\n").status(), "HTTP/1.0 without Host, api client"));
            checks.add(() -> assertEquals(
                    403,
                    Http2Probe.status(apiClient, pki.serverCa.certificate(), port, null, "/x"),
                    "HTTP/2 without :authority"));
            assertAll(checks);
        }

        @Test
        void eachGroupStillServesItsOwnClients() throws Exception {
            TestIdentity apiClient = pki.apiCa.leaf("CN=api client").issue();
            TestIdentity partner = pki.partnersCa.leaf("CN=partner").issue();
            List<Executable> checks = new ArrayList<>();
            for (String host :
                    List.of("api.example.com", "API.Example.COM.", "api.example.com:" + port, "api.example.com.:443")) {
                checks.add(() -> assertEquals(403, http11(null, host), "no certificate, Host: " + host));
                checks.add(() -> assertEquals(403, http11(partner, host), "partner, Host: " + host));
                checks.add(() -> assertEquals(200, http11(apiClient, host), "api client, Host: " + host));
                checks.add(() -> assertEquals(
                        200,
                        Http2Probe.status(apiClient, pki.serverCa.certificate(), port, host, "/x"),
                        "HTTP/2 api client, :authority " + host));
                checks.add(() -> assertEquals(
                        403,
                        Http2Probe.status(null, pki.serverCa.certificate(), port, host, "/x"),
                        "HTTP/2 no certificate, :authority " + host));
            }
            for (String host :
                    List.of("x.partners.example.com", "X.Partners.Example.Com.", "a.b.partners.example.com:1")) {
                checks.add(() -> assertEquals(403, http11(null, host), "no certificate, Host: " + host));
                checks.add(() -> assertEquals(403, http11(apiClient, host), "api client, Host: " + host));
                checks.add(() -> assertEquals(200, http11(partner, host), "partner, Host: " + host));
            }
            assertAll(checks);
        }

        private int http11(TestIdentity identity, String host) throws Exception {
            return raw(identity, "GET /x HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .status();
        }

        private RawHttps.Response raw(TestIdentity identity, String request) throws Exception {
            return RawHttps.create(identity, pki.serverCa.certificate()).send("localhost", port, request);
        }
    }

    /** The same two groups in Tomcat 11 (no SNI host check at all), HTTP/2 by ALPN as well. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TwoGroupsOnTomcat {
        private Pki pki;
        private Tomcat tomcat;
        private int port;

        @BeforeAll
        void start() throws Exception {
            pki = new Pki();
            Path base = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target").toAbsolutePath()), "probe-tomcat");
            tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            Connector connector = new Connector("HTTP/1.1");
            connector.setPort(0);
            connector.setProperty("address", "localhost");
            connector.setScheme("https");
            connector.setSecure(true);
            connector.setProperty("SSLEnabled", "true");
            SSLHostConfig tls = new SSLHostConfig();
            tls.setCertificateVerification("optional");
            tls.setTrustManagerClassName(FilterDecidesTrustManager.class.getName());
            SSLHostConfigCertificate certificate =
                    new SSLHostConfigCertificate(tls, SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystoreFile(pki.serverKeyStore.toString());
            certificate.setCertificateKeystorePassword(new String(TestIdentity.PASSWORD));
            certificate.setCertificateKeystoreType("PKCS12");
            tls.addCertificate(certificate);
            connector.addSslHostConfig(tls);
            connector.addUpgradeProtocol(new Http2Protocol());
            tomcat.getService().addConnector(connector);
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", base.toString());
            FilterDef filter = new FilterDef();
            filter.setFilterName("certgate");
            filter.setFilterClass(CertGateFilter.class.getName());
            filter.addInitParameter("certgate.hosts", "api,partners");
            filter.addInitParameter("certgate.host.api.names", "api.example.com");
            filter.addInitParameter("certgate.host.api.trust", "file:" + pki.apiCaPem);
            filter.addInitParameter("certgate.host.partners.names", "*.partners.example.com");
            filter.addInitParameter("certgate.host.partners.trust", pki.partnersCaPem.toString());
            context.addFilterDef(filter);
            FilterMap map = new FilterMap();
            map.setFilterName("certgate");
            map.addURLPattern("/*");
            context.addFilterMap(map);
            Tomcat.addServlet(context, "hello", new MtlsHostsIT.HelloServlet());
            context.addServletMappingDecoded("/*", "hello");
            tomcat.start();
            port = connector.getLocalPort();
        }

        @AfterAll
        void stop() throws Exception {
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        }

        @Test
        void noHostOutsideTheGroupsAnswersWithoutACertificate() throws Exception {
            TestIdentity apiClient = pki.apiCa.leaf("CN=api client").issue();
            X509Certificate ca = pki.serverCa.certificate();
            List<Executable> checks = new ArrayList<>();
            for (String host : List.of(
                    "127.0.0.1",
                    "localhost",
                    "localhost:" + port,
                    "public.example.com",
                    "partners.example.com",
                    "[::1]")) {
                checks.add(() -> assertEquals(403, http11(null, host), "Host: " + host));
                checks.add(() -> assertEquals(403, http11(apiClient, host), "api client, Host: " + host));
                checks.add(() -> assertEquals(
                        403,
                        Http2Probe.status(apiClient, ca, port, host, "/x"),
                        "HTTP/2 api client, :authority " + host));
            }
            // Tomcat answers HTTP/1.0 without Host with getServerName() = localhost; certgate does not use it.
            checks.add(() ->
                    assertEquals(403, raw(apiClient, "GET /x HTTP/1.0\r\n\r\n").status(), "HTTP/1.0 without Host"));
            checks.add(
                    () -> assertEquals(403, raw(null, "GET /x HTTP/1.0\r\n\r\n").status(), "HTTP/1.0, no cert"));
            // Tomcat refuses HTTP/2 without :authority (stream reset): never a 200.
            checks.add(() -> assertThrows(Exception.class, () -> Http2Probe.status(apiClient, ca, port, null, "/x")));
            for (String host : List.of("api.example.com", "API.EXAMPLE.COM.", "api.example.com.:" + port)) {
                checks.add(() -> assertEquals(403, http11(null, host), "no certificate, Host: " + host));
                checks.add(() -> assertEquals(200, http11(apiClient, host), "api client, Host: " + host));
                checks.add(() -> assertEquals(403, Http2Probe.status(null, ca, port, host, "/x"), "HTTP/2 " + host));
                checks.add(() -> assertEquals(
                        200, Http2Probe.status(apiClient, ca, port, host, "/x"), "HTTP/2 api client " + host));
            }
            assertAll(checks);
        }

        private int http11(TestIdentity identity, String host) throws Exception {
            return raw(identity, "GET /x HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .status();
        }

        private RawHttps.Response raw(TestIdentity identity, String request) throws Exception {
            return RawHttps.create(identity, pki.serverCa.certificate()).send("localhost", port, request);
        }
    }

    static X509Certificate readCertificate(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A client identity from the demo's PEM files (chain without root, PKCS#8 key). */
    static TestIdentity readIdentity(Path certPem, Path keyPem) throws Exception {
        List<X509Certificate> chain = new ArrayList<>();
        try (var in = Files.newInputStream(certPem)) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) c);
            }
        }
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(keyPem);
                PEMParser parser = new PEMParser(r)) {
            key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
        return TestIdentity.of(new KeyPair(chain.get(0).getPublicKey(), key), chain.toArray(X509Certificate[]::new));
    }
}
