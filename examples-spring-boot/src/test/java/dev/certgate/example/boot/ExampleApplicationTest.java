package dev.certgate.example.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The example as its README shows it: started over real TLS with the demo PKI, called with the PEM files curl would use. */
class ExampleApplicationTest {
    static Path pki;
    static ConfigurableApplicationContext app;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        pki = Path.of("target/test-pki").toAbsolutePath();
        ExamplePki.ensure(pki);
        app = SpringApplication.run(ExampleApplication.class, "--example.pki=" + pki, "--example.port=0");
        port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static HttpResponse<String> get(String client, String path) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (client != null) {
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(Files.newInputStream(pki.resolve(client + ".pem")))
                    .toArray(new Certificate[0]);
            keys.setKeyEntry(
                    "key",
                    key(
                            pki.resolve(client + "-key.pem"),
                            chain[0].getPublicKey().getAlgorithm()),
                    new char[0],
                    chain);
        }
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(
                "server-ca",
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(Files.newInputStream(pki.resolve("server-ca.pem"))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
        return http.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static PrivateKey key(Path pem, String algorithm) throws Exception {
        String base64 =
                Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm)
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    @Test
    void theReadmesCalls() throws Exception {
        HttpResponse<String> admin = get("admin", "/api/admin/report");
        assertEquals(200, admin.statusCode(), admin.body());
        assertTrue(admin.body().contains("\"reader\":\"ada\""), admin.body());

        HttpResponse<String> user = get("user", "/api/hello");
        assertEquals(200, user.statusCode(), user.body());
        assertTrue(user.body().contains("\"hello\":\"bert\""), user.body());
        assertEquals(403, get("user", "/api/admin/report").statusCode());

        HttpResponse<String> none = get(null, "/api/hello");
        assertEquals(403, none.statusCode());
        assertTrue(none.headers().firstValue("content-type").orElse("").contains("problem+json"), "certgate's answer");
        assertEquals(403, get("stranger", "/api/hello").statusCode());
        assertEquals(200, get("admin", "/actuator/health/certgate").statusCode());
    }
}
