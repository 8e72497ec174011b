package dev.certgate.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for tests and the demo, built with Bouncy Castle: EC P-256 keys,
 * SHA-256 signatures, SKI/AKI extensions as real CAs write them.
 */
public final class TestCa {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffffffL);

    private final X500Name name;
    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final TestCa parent;

    private TestCa(X500Name name, KeyPair keyPair, X509Certificate certificate, TestCa parent) {
        this.name = name;
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.parent = parent;
    }

    /** A self-signed root CA valid from a day ago for ten years. */
    public static TestCa root(String dn) {
        Instant now = Instant.now();
        return root(dn, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
    }

    /** A self-signed root CA valid in the given window (e.g. one about to expire). */
    public static TestCa root(String dn, Instant notBefore, Instant notAfter) {
        KeyPair kp = newKeyPair();
        X500Name name = new X500Name(dn);
        X509Certificate cert = sign(name, kp, name, kp, notBefore, notAfter,
                b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }, null);
        return new TestCa(name, kp, cert, null);
    }

    /** An intermediate CA issued by this CA. */
    public TestCa intermediate(String dn) {
        KeyPair kp = newKeyPair();
        X500Name subject = new X500Name(dn);
        Instant now = Instant.now();
        X509Certificate cert = sign(subject, kp, name, keyPair, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1825)), b -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }, certificate);
        return new TestCa(subject, kp, cert, this);
    }

    /** Starts a leaf certificate issued by this CA (a TLS client certificate unless changed). */
    public LeafBuilder leaf(String dn) {
        return new LeafBuilder(this, dn);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    X500Name name() {
        return name;
    }

    /** The chain from this CA up to (and including) its root. */
    public X509Certificate[] chainToRoot() {
        return parent == null ? new X509Certificate[] {certificate}
                : concat(new X509Certificate[] {certificate}, parent.chainToRoot());
    }

    static X509Certificate[] concat(X509Certificate[] a, X509Certificate[] b) {
        X509Certificate[] out = new X509Certificate[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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

    interface Extensions {
        void add(X509v3CertificateBuilder builder) throws Exception;
    }

    static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                Instant notBefore, Instant notAfter, Extensions extensions, X509Certificate issuerCert) {
        return sign(subject, subjectKeys, issuer, issuerKeys, notBefore, notAfter, extensions, issuerCert,
                BigInteger.valueOf(SERIALS.incrementAndGet()).shiftLeft(64).add(BigInteger.valueOf(System.nanoTime() & 0xffffff)));
    }

    static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                Instant notBefore, Instant notAfter, Extensions extensions, X509Certificate issuerCert,
                                BigInteger serial) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, subjectKeys.getPublic());
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, issuerCert != null
                    ? utils.createAuthorityKeyIdentifier(issuerCert)
                    : utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            extensions.add(b);
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test certificate " + subject, e);
        }
    }
}
