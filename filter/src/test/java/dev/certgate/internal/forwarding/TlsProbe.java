package dev.certgate.internal.forwarding;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import dev.certgate.tls.FilterDecidesTrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A real Jetty over TLS listening on 127.0.0.1 and ::1 (so one test can be a trusted proxy on
 * one address and a stranger on the other), and a client that writes requests byte for byte.
 */
final class TlsProbe {
    private TlsProbe() {}

    /** Starts {@code context} on two HTTPS connectors; {@link #port(Server, int)} 0 is IPv4, 1 is IPv6. */
    static Server start(ServletContextHandler context, TestCa serverCa, Path dir) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        serverCa.leaf("CN=localhost")
                .server()
                .dns("localhost")
                .ip("127.0.0.1", "::1")
                .issue()
                .writeKeyStore(keyStore);
        Server server = new Server();
        for (String host : new String[] {"127.0.0.1", "::1"}) {
            SslContextFactory.Server tls = new SslContextFactory.Server() {
                @Override
                protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
                    return new TrustManager[] {new FilterDecidesTrustManager()};
                }
            };
            tls.setKeyStorePath(keyStore.toString());
            tls.setKeyStorePassword(new String(TestIdentity.PASSWORD));
            tls.setKeyStoreType("PKCS12");
            tls.setWantClientAuth(true);
            HttpConfiguration http = new HttpConfiguration();
            http.addCustomizer(new SecureRequestCustomizer(false));
            ServerConnector connector = new ServerConnector(
                    server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(0);
            server.addConnector(connector);
        }
        server.setHandler(context);
        server.start();
        return server;
    }

    static int port(Server server, int connector) {
        return ((ServerConnector) server.getConnectors()[connector]).getLocalPort();
    }

    record Answer(int status, String body) {}

    /** GET {@code path} with {@code Host: host} and the headers, optionally presenting a TLS client certificate. */
    static Answer get(
            String address,
            int port,
            TestIdentity tlsIdentity,
            X509Certificate serverCa,
            String host,
            String path,
            Map<String, String> headers)
            throws Exception {
        KeyManager[] keyManagers = null;
        if (tlsIdentity != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(tlsIdentity.keyStore(), TestIdentity.PASSWORD);
            keyManagers = kmf.getKeyManagers();
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", serverCa);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keyManagers, tmf.getTrustManagers(), new SecureRandom());
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("Connection: close\r\n\r\n");
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(address, port), 10_000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String raw = readAll(socket.getInputStream());
            int end = raw.indexOf("\r\n\r\n");
            String body = end < 0 ? "" : raw.substring(end + 4);
            if (raw.contains("Transfer-Encoding: chunked")) {
                body = unchunk(body);
            }
            return new Answer(Integer.parseInt(raw.substring(9, 12)), body);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        try {
            for (int n; (n = in.read(b)) > 0; ) {
                out.write(b, 0, n);
            }
        } catch (javax.net.ssl.SSLException e) {
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int nl = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, nl).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, nl + 2, nl + 2 + size);
            i = nl + 2 + size + 2;
        }
        return out.toString();
    }
}
