package dev.certgate.it;

import dev.certgate.testing.TestIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** A real HTTPS client (java.net.http) with an optional client certificate, trusting one server CA. */
public final class HttpsClient {
    private final HttpClient client;

    private HttpsClient(HttpClient client) {
        this.client = client;
    }

    /**
     * @param identity  the client certificate to present, or null for none
     * @param serverCa  the CA of the server certificate
     * @param protocol  "TLSv1.3" or "TLSv1.2"
     */
    public static HttpsClient create(TestIdentity identity, X509Certificate serverCa, String protocol)
            throws Exception {
        KeyManager[] keyManagers = null;
        if (identity != null) {
            // SunX509 presents the certificate even when it is expired or from an unknown CA: the
            // tests need the server to see exactly what a misbehaving client would send.
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(identity.keyStore(), TestIdentity.PASSWORD);
            keyManagers = kmf.getKeyManagers();
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server-ca", serverCa);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keyManagers, tmf.getTrustManagers(), new SecureRandom());
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {protocol});
        return new HttpsClient(HttpClient.newBuilder()
                .sslContext(ssl)
                .sslParameters(params)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
    }

    public static HttpsClient create(TestIdentity identity, X509Certificate serverCa) throws Exception {
        return create(identity, serverCa, "TLSv1.3");
    }

    /** GET https://localhost:port + path with the given Host header (null keeps the default). */
    public HttpResponse<String> get(int port, String host, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (host != null) {
            b.header("Host", host);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
