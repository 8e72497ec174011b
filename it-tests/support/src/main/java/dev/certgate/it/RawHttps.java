package dev.certgate.it;

import dev.certgate.testing.TestIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * HTTP/1.x over TLS written byte for byte: requests no ordinary client sends (no Host, HTTP/1.0,
 * odd Host spellings, spoofed headers). One request per connection ({@code Connection: close}
 * is the caller's business for HTTP/1.1), the answer read to the end of the stream.
 */
public final class RawHttps {
    private final SSLContext ssl;

    private RawHttps(SSLContext ssl) {
        this.ssl = ssl;
    }

    /** @param identity the client certificate to present, or null for none */
    public static RawHttps create(TestIdentity identity, X509Certificate serverCa) throws Exception {
        KeyManager[] keyManagers = null;
        if (identity != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(identity.keyStore(), TestIdentity.PASSWORD);
            keyManagers = new KeyManager[] {new AlwaysPresent((X509KeyManager) kmf.getKeyManagers()[0])};
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server-ca", serverCa);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keyManagers, tmf.getTrustManagers(), new SecureRandom());
        return new RawHttps(ssl);
    }

    /** Connects to {@code host:port}, sends {@code request} as ISO-8859-1 bytes, reads the answer. */
    public Response send(String host, int port, String request) throws IOException {
        return send(host, port, request, new String[0]);
    }

    /** @param alpn the protocols to offer by ALPN ({@code curl --http1.0} offers only "http/1.0"); none when empty */
    public Response send(String host, int port, String request, String... alpn) throws IOException {
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket()) {
            if (alpn.length > 0) {
                javax.net.ssl.SSLParameters params = socket.getSSLParameters();
                params.setApplicationProtocols(alpn);
                socket.setSSLParameters(params);
            }
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(20_000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return Response.parse(readAll(socket.getInputStream()));
        }
    }

    /** The same over plain HTTP: a request straight to a backend that a proxy normally fronts. */
    public static Response sendPlain(String host, int port, String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return Response.parse(readAll(socket.getInputStream()));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (javax.net.ssl.SSLException e) {
            // Some servers close without close_notify after "Connection: close"; what arrived counts.
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Presents the one certificate whatever CA names the server asks for (HAProxy sends its
     * ca-file's): the tests need a stranger's or an expired certificate to reach the proxy.
     */
    private static final class AlwaysPresent implements X509KeyManager {
        private final X509KeyManager keys;

        AlwaysPresent(X509KeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return "key";
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"key"};
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    /** The status line's code, the head and the body of one answer. */
    public record Response(int status, String head, String body) {
        static Response parse(String raw) throws IOException {
            if (!raw.startsWith("HTTP/1.") || raw.length() < 12) {
                throw new IOException("not an HTTP/1.x answer: '" + raw + "'");
            }
            int end = raw.indexOf("\r\n\r\n");
            String head = end < 0 ? raw : raw.substring(0, end);
            String body = end < 0 ? "" : raw.substring(end + 4);
            return new Response(Integer.parseInt(raw.substring(9, 12)), head, body);
        }
    }
}
