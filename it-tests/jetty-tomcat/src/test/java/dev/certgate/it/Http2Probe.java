package dev.certgate.it;

import dev.certgate.testing.TestIdentity;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * One HTTP/2 request over TLS (ALPN h2) whose pseudo-headers the test writes itself: any
 * {@code :authority}, or none at all, which ordinary clients never send.
 */
final class Http2Probe {
    private Http2Probe() {}

    /**
     * The status of {@code GET path} to localhost:port.
     *
     * @param authority the {@code :authority} to send, or null to send none (and no {@code host})
     */
    static int status(TestIdentity identity, X509Certificate serverCa, int port, String authority, String path)
            throws Exception {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server-ca", serverCa);
        tls.setTrustStore(trust);
        tls.setEndpointIdentificationAlgorithm(null);
        if (identity != null) {
            tls.setKeyStore(identity.keyStore());
            tls.setKeyStorePassword(new String(TestIdentity.PASSWORD));
        }
        HTTP2Client client = new HTTP2Client();
        client.addBean(tls);
        client.start();
        try {
            Session session = client.connect(tls, new InetSocketAddress("localhost", port), new Session.Listener() {})
                    .get(10, TimeUnit.SECONDS);
            HttpURI.Mutable uri = HttpURI.build().scheme("https").path(path);
            if (authority != null) {
                uri.authority(authority);
            }
            MetaData.Request request = new MetaData.Request("GET", uri, HttpVersion.HTTP_2, HttpFields.EMPTY);
            CompletableFuture<Integer> status = new CompletableFuture<>();
            session.newStream(new HeadersFrame(request, null, true), new Stream.Listener() {
                @Override
                public void onHeaders(Stream stream, HeadersFrame frame) {
                    if (frame.getMetaData() instanceof MetaData.Response response) {
                        status.complete(response.getStatus());
                    }
                    stream.demand();
                }

                @Override
                public void onDataAvailable(Stream stream) {
                    Stream.Data data = stream.readData();
                    if (data != null) {
                        data.release();
                        if (!data.frame().isEndStream()) {
                            stream.demand();
                        }
                    } else {
                        stream.demand();
                    }
                }

                @Override
                public void onReset(
                        Stream stream,
                        org.eclipse.jetty.http2.frames.ResetFrame frame,
                        org.eclipse.jetty.util.Callback callback) {
                    status.completeExceptionally(new IllegalStateException("stream reset: " + frame));
                    callback.succeeded();
                }
            });
            return status.get(20, TimeUnit.SECONDS);
        } finally {
            client.stop();
        }
    }
}
