package dev.certgate.boot.it;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * The PKI of the Boot tests, built on the test PKI: a client CA, a server certificate for
 * localhost, clients alice (admin by SAN URI), bob (no role), a revoked one, and a stranger from
 * another CA, and the client CA's CRL revoking it; files under {@code target/it-work}.
 */
final class BootPki {
    final Path dir;
    final TestCa clientCa = TestCa.root("CN=certgate Boot test clients CA");
    final TestCa serverCa = TestCa.root("CN=certgate Boot test server CA");
    private TestIdentity server = newServerCertificate();
    final TestIdentity alice =
            clientCa.leaf("CN=alice,O=corp").uri("spiffe://corp/admin").issue();
    final TestIdentity bob =
            clientCa.leaf("CN=bob,O=corp").uri("spiffe://corp/reader").issue();
    final TestIdentity revoked = clientCa.leaf("CN=revoked-client,O=corp")
            .serial(BigInteger.valueOf(0xDEAD))
            .issue();
    final TestIdentity stranger =
            TestCa.root("CN=someone else's CA").leaf("CN=mallory").issue();

    BootPki(Path dir) throws Exception {
        this.dir = Files.createDirectories(dir);
        server.writeKeyStore(dir.resolve("server.p12"));
        Files.writeString(dir.resolve("clients-ca.pem"), TestIdentity.pem(clientCa.certificate()));
        Files.write(
                dir.resolve("clients-ca.crl"),
                clientCa.crl().revoke(revoked.serial(), CRLReason.keyCompromise).build());
    }

    private TestIdentity newServerCertificate() {
        return serverCa.leaf("CN=localhost")
                .server()
                .dns("localhost")
                .ip("127.0.0.1")
                .issue();
    }

    /** A new server certificate in server.p12 (replaced atomically), as a renewal would write it. */
    BigInteger renewServerCertificate() throws Exception {
        server = newServerCertificate();
        Path next = dir.resolve("server.p12.next");
        server.writeKeyStore(next);
        Files.move(
                next, dir.resolve("server.p12"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return server.certificate().getSerialNumber();
    }

    /** The serial of the certificate the server at {@code port} presents to a new connection. */
    BigInteger serverSerial(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) client(alice).getSocketFactory().createSocket("localhost", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    static BootPki create(String name) throws Exception {
        return new BootPki(Path.of(System.getProperty("it.work", "target/it-work"))
                .toAbsolutePath()
                .resolve(name));
    }

    String path(String file) {
        return dir.resolve(file).toString();
    }

    /** A client's TLS context: trusts the server CA, presents {@code identity} (or nothing). */
    SSLContext client(TestIdentity identity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server-ca", serverCa.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        if (identity != null) {
            kmf.init(identity.keyStore(), TestIdentity.PASSWORD);
        } else {
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            kmf.init(empty, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
