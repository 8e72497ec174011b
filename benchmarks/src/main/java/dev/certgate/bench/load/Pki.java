package dev.certgate.bench.load;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The load run's PKI, generated fresh for every run (EC P-256, SHA-256, Bouncy Castle): a client
 * root with an issuing CA (which also signs the CRL and the OCSP answers), an unknown root, a
 * server certificate for localhost/127.0.0.1, and client identities of each kind.
 * Same idea as the filter's test PKI ({@code dev.certgate.testing.TestCa}), kept here so the
 * benchmarks jar is self-contained.
 */
final class Pki {
    static final char[] PASSWORD = "changeit".toCharArray();
    private static final AtomicLong SERIALS = new AtomicLong(0x1000);

    /** A certificate authority. */
    record Ca(X500Name name, KeyPair keys, X509Certificate cert, Ca parent) {
        X509Certificate[] chainToRoot() {
            List<X509Certificate> out = new ArrayList<>();
            for (Ca c = this; c != null; c = c.parent) {
                out.add(c.cert);
            }
            return out.toArray(new X509Certificate[0]);
        }
    }

    /** A client identity: what the client sends (leaf + issuing CA) and its key. */
    record Identity(String alias, X509Certificate[] chain, PrivateKey key) {
    }

    final Ca root;
    final Ca issuing;
    final Ca unknownRoot;
    final Ca serverRoot;
    final KeyPair serverKeys;
    final X509Certificate serverCert;
    /** One shared key pair for the client leaves: distinct certificates are what caches see. */
    final KeyPair clientKeys;
    final Identity valid;
    final Identity revoked;
    final Identity unknownCa;
    final Identity expired;
    final List<BigInteger> revokedSerials = new ArrayList<>();

    Pki() {
        clientKeys = newKeyPair();
        root = root("CN=certgate load root,O=certgate bench");
        issuing = intermediate(root, "CN=certgate load issuing CA,O=certgate bench");
        unknownRoot = root("CN=somebody else's root,O=elsewhere");
        Ca unknownIssuing = intermediate(unknownRoot, "CN=somebody else's issuing CA,O=elsewhere");
        serverRoot = root("CN=certgate load server root,O=certgate bench");
        serverKeys = newKeyPair();
        serverCert = sign(new X500Name("CN=localhost"), serverKeys.getPublic(), serverRoot,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    b.addExtension(Extension.subjectAlternativeName, false, new DERSequence(new ASN1Encodable[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
                }, nextSerial());
        valid = client("valid", issuing, "CN=partner-0001,OU=Payments,O=Partner One,C=DE", false, nextSerial());
        BigInteger revokedSerial = nextSerial();
        revokedSerials.add(revokedSerial);
        revoked = client("revoked", issuing, "CN=partner-revoked,OU=Payments,O=Partner Two,C=DE", false, revokedSerial);
        unknownCa = client("unknown-ca", unknownIssuing, "CN=partner-0001,OU=Payments,O=Partner One,C=DE", false,
                nextSerial());
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

    private Identity client(String alias, Ca issuer, String dn, boolean expiredCert, BigInteger serial) {
        Instant from = expiredCert ? Instant.now().minus(Duration.ofDays(30)) : Instant.now().minus(Duration.ofHours(1));
        Instant until = expiredCert ? Instant.now().minus(Duration.ofDays(1)) : Instant.now().plus(Duration.ofDays(365));
        X509Certificate cert = sign(new X500Name(dn), clientKeys.getPublic(), issuer, from, until, b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new DERSequence(new ASN1Encodable[] {
                    new GeneralName(GeneralName.dNSName, alias + ".clients.example"),
                    new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example/" + alias)}));
        }, serial);
        return new Identity(alias, new X509Certificate[] {cert, issuer.cert()}, clientKeys.getPrivate());
    }

    /**
     * A CRL of the issuing CA with {@code entries} revoked serials (the revoked identity's among them),
     * DER-encoded; {@code number} is its CRL number, valid for {@code validity}.
     */
    byte[] crl(int entries, long number, Duration validity) throws IOException {
        Instant now = Instant.now();
        X509v2CRLBuilder b = new X509v2CRLBuilder(issuing.name(), Date.from(now.minusSeconds(60)));
        b.setNextUpdate(Date.from(now.plus(validity)));
        Random random = new Random(42);
        Date revokedAt = Date.from(now.minus(Duration.ofDays(3)));
        for (BigInteger s : revokedSerials) {
            b.addCRLEntry(s, revokedAt, CRLReason.keyCompromise);
        }
        for (int i = revokedSerials.size(); i < entries; i++) {
            // Serials far from the ones we issue (those are < 2^40): 16 random bytes, positive.
            b.addCRLEntry(new BigInteger(127, random).setBit(126), revokedAt, CRLReason.superseded);
        }
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuing.cert()));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            X509CRLHolder holder = b.build(signer(issuing.keys().getPrivate()));
            return holder.getEncoded();
        } catch (GeneralSecurityException | org.bouncycastle.cert.CertIOException e) {
            throw new IOException(e);
        }
    }

    /** Writes ca.pem (client root), issuing.pem, server.p12, truststore.p12 (client root) into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ca.pem"), pem(root.cert()));
        Files.writeString(dir.resolve("issuing.pem"), pem(issuing.cert()));
        try {
            KeyStore server = KeyStore.getInstance("PKCS12");
            server.load(null, null);
            server.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD,
                    new X509Certificate[] {serverCert, serverRoot.cert()});
            store(server, dir.resolve("server.p12"));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("client-root", root.cert());
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

    static String pem(Object... objects) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        return sw.toString();
    }

    static BigInteger nextSerial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet()).shiftLeft(8).add(BigInteger.valueOf(new SecureRandom().nextInt(256)));
    }

    private static Ca root(String dn) {
        KeyPair kp = newKeyPair();
        X500Name name = new X500Name(dn);
        Ca self = new Ca(name, kp, null, null);
        X509Certificate cert = sign(name, kp.getPublic(), self, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(3650)), b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }, nextSerial());
        return new Ca(name, kp, cert, null);
    }

    private static Ca intermediate(Ca parent, String dn) {
        KeyPair kp = newKeyPair();
        X500Name name = new X500Name(dn);
        X509Certificate cert = sign(name, kp.getPublic(), parent, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(1825)), b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
                            | KeyUsage.digitalSignature));
                }, nextSerial());
        return new Ca(name, kp, cert, parent);
    }

    interface Extensions {
        void add(X509v3CertificateBuilder builder) throws Exception;
    }

    private static X509Certificate sign(X500Name subject, java.security.PublicKey subjectKey, Ca issuer, Instant from,
                                        Instant until, Extensions ext, BigInteger serial) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer.name(), serial, Date.from(from),
                    Date.from(until), subject, subjectKey);
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, issuer.cert() != null
                    ? utils.createAuthorityKeyIdentifier(issuer.cert())
                    : utils.createAuthorityKeyIdentifier(issuer.keys().getPublic()));
            ext.add(b);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(issuer.keys().getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build certificate " + subject, e);
        }
    }

    static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JcaX509CertificateHolder holder(X509Certificate cert) {
        try {
            return new JcaX509CertificateHolder(cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
