package dev.certgate.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A certificate with its private key and the chain a client would send (leaf, intermediates and
 * root), with helpers to write PEM files and PKCS#12 key stores.
 */
public final class TestIdentity {
    public static final char[] PASSWORD = "changeit".toCharArray();

    private final X509Certificate certificate;
    private final KeyPair keyPair;
    private final X509Certificate[] chain;

    TestIdentity(X509Certificate certificate, KeyPair keyPair, X509Certificate[] chain) {
        this.certificate = certificate;
        this.keyPair = keyPair;
        this.chain = chain;
    }

    /** An identity from parts made elsewhere; chain leaf first. */
    public static TestIdentity of(KeyPair keyPair, X509Certificate... chain) {
        return new TestIdentity(chain[0], keyPair, chain.clone());
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** The certificate's subject. */
    public X500Name name() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    public BigInteger serial() {
        return certificate.getSerialNumber();
    }

    /** The subject key identifier the certificate carries (what CRLs and certificates it signs name as authority key id). */
    public byte[] keyIdentifier() {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return SubjectKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(extension).getOctets())
                .getKeyIdentifier();
    }

    /** Leaf first, then every issuer up to the root. */
    public X509Certificate[] chain() {
        return chain.clone();
    }

    /** The chain without the root: what a TLS client usually sends. */
    public X509Certificate[] chainWithoutRoot() {
        return chain.length > 1 ? Arrays.copyOf(chain, chain.length - 1) : chain.clone();
    }

    /** A PKCS#12 key store holding the key under alias "key" with the chain (without the root). */
    public KeyStore keyStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("key", keyPair.getPrivate(), PASSWORD, chainWithoutRoot());
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void writeKeyStore(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore().store(out, PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** Writes the chain without the root as PEM (what curl's --cert expects) and the key as PKCS#8 PEM. */
    public void writePem(Path certFile, Path keyFile) throws IOException {
        Files.writeString(certFile, pem((Object[]) chainWithoutRoot()));
        Files.writeString(keyFile, pem(keyPair.getPrivate()));
    }

    /** Writes the certificate alone as PEM into file; returns file. */
    public Path writeCertificate(Path file) throws IOException {
        return Files.writeString(file, pem(certificate));
    }

    public static String pem(Object... objects) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                if (o instanceof java.security.PrivateKey key) {
                    w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
                } else {
                    w.writeObject(o);
                }
            }
        }
        return sw.toString();
    }
}
