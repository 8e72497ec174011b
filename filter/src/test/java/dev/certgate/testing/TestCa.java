package dev.certgate.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for tests, the demo, the integration tests and the load runs, built
 * with Bouncy Castle: EC P-256 keys, SHA-256 signatures, SKI/AKI extensions as real CAs write them.
 * The one test PKI of the project: certificates come from {@link #leaf} and {@link #subordinate}
 * ({@link LeafBuilder}), CRLs from {@link #crl()} ({@link TestCrl}).
 *
 * <p>A CA has a reference time, "now" unless given ({@link #root(String, Instant)}, for tests on a
 * fixed clock); the validity of what it issues and its CRLs' dates default to windows around it.
 *
 * @param identity this CA's certificate with its key and chain (e.g. to sign OCSP answers as the CA)
 * @param parent   the CA that issued this one; null for a root
 * @param now      the reference time of this CA's certificates and CRLs
 */
public record TestCa(TestIdentity identity, TestCa parent, Instant now) {
    /** A fixed instant, for tests on a fixed clock that must not depend on the day they run. */
    public static final Instant FIXED_NOW = Instant.parse("2030-01-15T12:00:00Z");

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffffffL);

    /** A self-signed root CA valid from a day ago for ten years. */
    public static TestCa root(String dn) {
        return root(dn, Instant.now());
    }

    /** A self-signed root CA valid in the given window (e.g. one about to expire). */
    public static TestCa root(String dn, Instant notBefore, Instant notAfter) {
        return selfSigned(new X500Name(dn), Instant.now())
                .validity(notBefore, notAfter)
                .issueCa();
    }

    /** A self-signed root CA valid from a day before {@code now} for ten years; its issues are dated around now. */
    public static TestCa root(String dn, Instant now) {
        return selfSigned(new X500Name(dn), now).issueCa();
    }

    /**
     * Starts a self-signed CA certificate valid from a day before {@code now} for ten years, for
     * roots that need more than a name: given keys, a copied key identifier (an impostor), a
     * re-keyed root under an existing name. Finished by {@link LeafBuilder#issueCa()}.
     */
    public static LeafBuilder selfSigned(X500Name name, Instant now) {
        return new LeafBuilder(null, name, now)
                .ca(-1)
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
    }

    /** An intermediate CA issued by this CA, valid for five years. */
    public TestCa intermediate(String dn) {
        return subordinate(dn).issueCa();
    }

    /** Starts a CA certificate issued by this CA (path length 0 unless changed), finished by {@link LeafBuilder#issueCa()}. */
    public LeafBuilder subordinate(String dn) {
        return subordinate(new X500Name(dn));
    }

    /** Starts a CA certificate issued by this CA under an existing name (e.g. a cross-certificate of a re-keyed CA). */
    public LeafBuilder subordinate(X500Name name) {
        return new LeafBuilder(this, name, now)
                .ca(0)
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1825)));
    }

    /** Starts a leaf certificate issued by this CA (a TLS client certificate unless changed). */
    public LeafBuilder leaf(String dn) {
        return leaf(new X500Name(dn));
    }

    /** Starts a leaf certificate issued by this CA with a subject given as a name (e.g. the CA's own, for a CRL signer). */
    public LeafBuilder leaf(X500Name name) {
        return new LeafBuilder(this, name, now);
    }

    /** Starts a CRL signed by this CA. */
    public TestCrl crl() {
        return new TestCrl(identity, now);
    }

    public X509Certificate certificate() {
        return identity.certificate();
    }

    public KeyPair keyPair() {
        return identity.keyPair();
    }

    public X500Name name() {
        return identity.name();
    }

    /** Writes this CA's certificate as PEM into file (a trust bundle of one); returns file. */
    public Path writePem(Path file) throws IOException {
        return identity.writeCertificate(file);
    }

    /** The chain from this CA up to (and including) its root. */
    public X509Certificate[] chainToRoot() {
        return parent == null
                ? new X509Certificate[] {certificate()}
                : concat(new X509Certificate[] {certificate()}, parent.chainToRoot());
    }

    static X509Certificate[] concat(X509Certificate[] a, X509Certificate[] b) {
        X509Certificate[] out = new X509Certificate[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A fresh EC P-256 key pair. */
    public static KeyPair newKeyPair() {
        return newKeyPair("EC");
    }

    /** A fresh key pair: "EC" (P-256), "RSA" (2048 bits) or "DSA" (2048 bits, the JDK's precomputed parameters). */
    public static KeyPair newKeyPair(String algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 with the algorithm of keys' private key (ECDSA, RSA or DSA). */
    public static ContentSigner signer(KeyPair keys) {
        String algorithm = switch (keys.getPrivate().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "DSA" -> "SHA256withDSA";
            default -> "SHA256withECDSA";
        };
        try {
            return new JcaContentSignerBuilder(algorithm).build(keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static BigInteger nextSerial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet())
                .shiftLeft(64)
                .add(BigInteger.valueOf(System.nanoTime() & 0xffffff));
    }
}
