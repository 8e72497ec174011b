package dev.certgate.bench.load;

import dev.certgate.testing.LeafBuilder;
import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestCrl;
import dev.certgate.testing.TestIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * The load run's PKI, generated fresh for every run with the project's test PKI
 * ({@code dev.certgate.testing.TestCa}, from the filter's test jar): a client root with an issuing
 * CA (which also signs the CRL and the OCSP answers), an unknown root, a server certificate for
 * localhost/127.0.0.1, and client identities of each kind.
 */
final class Pki {
    static final char[] PASSWORD = TestIdentity.PASSWORD;
    private static final AtomicLong SERIALS = new AtomicLong(0x1000);

    /** A client identity: what the client sends (leaf + issuing CA) and its key. */
    record Identity(String alias, X509Certificate[] chain, PrivateKey key) {}

    final TestCa root;
    final TestCa issuing;
    final TestCa unknownRoot;
    final TestCa serverRoot;
    final TestIdentity server;
    /** One shared key pair for the client leaves: distinct certificates are what caches see. */
    final KeyPair clientKeys;

    final Identity valid;
    final Identity revoked;
    final Identity unknownCa;
    final Identity expired;
    final List<BigInteger> revokedSerials = new ArrayList<>();

    Pki() {
        clientKeys = TestCa.newKeyPair();
        root = TestCa.root("CN=certgate load root,O=certgate bench");
        issuing = root.intermediate("CN=certgate load issuing CA,O=certgate bench");
        unknownRoot = TestCa.root("CN=somebody else's root,O=elsewhere");
        TestCa unknownIssuing = unknownRoot.intermediate("CN=somebody else's issuing CA,O=elsewhere");
        serverRoot = TestCa.root("CN=certgate load server root,O=certgate bench");
        server = serverRoot
                .leaf("CN=localhost")
                .server()
                .dns("localhost")
                .ip("127.0.0.1")
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)))
                .issue();
        valid = client("valid", issuing, "CN=partner-0001,OU=Payments,O=Partner One,C=DE", false, nextSerial());
        BigInteger revokedSerial = nextSerial();
        revokedSerials.add(revokedSerial);
        revoked = client("revoked", issuing, "CN=partner-revoked,OU=Payments,O=Partner Two,C=DE", false, revokedSerial);
        unknownCa = client(
                "unknown-ca", unknownIssuing, "CN=partner-0001,OU=Payments,O=Partner One,C=DE", false, nextSerial());
        expired = client("expired", issuing, "CN=partner-expired,OU=Payments,O=Partner Three,C=DE", true, nextSerial());
    }

    /** {@code count} distinct valid client certificates of the issuing CA (for cache churn and soak runs). */
    List<Identity> rotating(int count) {
        List<Identity> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(client("rot" + i, issuing, "CN=device-" + i + ",OU=Fleet,O=Partner One,C=DE", false, nextSerial()));
        }
        return out;
    }

    private Identity client(String alias, TestCa issuer, String dn, boolean expiredCert, BigInteger serial) {
        LeafBuilder leaf = issuer.leaf(dn)
                .keys(clientKeys)
                .serial(serial)
                .dns(alias + ".clients.example")
                .uri("spiffe://example/" + alias);
        TestIdentity id = (expiredCert ? leaf.expired() : leaf).issue();
        return new Identity(alias, id.chainWithoutRoot(), clientKeys.getPrivate());
    }

    /**
     * A CRL of the issuing CA with {@code entries} revoked serials (the revoked identity's among them),
     * DER-encoded; {@code number} is its CRL number, valid for {@code validity}.
     */
    byte[] crl(int entries, long number, Duration validity) {
        Instant now = Instant.now();
        TestCrl crl = issuing.crl()
                .thisUpdate(now.minusSeconds(60))
                .nextUpdate(now.plus(validity))
                .number(number);
        Random random = new Random(42);
        Instant revokedAt = now.minus(Duration.ofDays(3));
        for (BigInteger s : revokedSerials) {
            crl.revokeAt(s, CRLReason.keyCompromise, revokedAt);
        }
        for (int i = revokedSerials.size(); i < entries; i++) {
            // Serials far from the ones we issue (those are < 2^40): 16 random bytes, positive.
            crl.revokeAt(new BigInteger(127, random).setBit(126), CRLReason.superseded, revokedAt);
        }
        return crl.build();
    }

    /** Writes ca.pem (client root), issuing.pem, server.p12, truststore.p12 (client root) into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ca.pem"), TestIdentity.pem(root.certificate()));
        Files.writeString(dir.resolve("issuing.pem"), TestIdentity.pem(issuing.certificate()));
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", server.keyPair().getPrivate(), PASSWORD, server.chain());
            store(keys, dir.resolve("server.p12"));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("client-root", root.certificate());
            store(trust, dir.resolve("truststore.p12"));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void store(KeyStore ks, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
    }

    static BigInteger nextSerial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet())
                .shiftLeft(8)
                .add(BigInteger.valueOf(new SecureRandom().nextInt(256)));
    }

    static JcaX509CertificateHolder holder(X509Certificate cert) {
        try {
            return new JcaX509CertificateHolder(cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
