package dev.certgate.internal.trust;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds one certificate with any of the properties the chain-validation tests vary, including
 * the broken ones (wrong signer, CA:false intermediates, unknown critical extensions, name
 * constraints, forged key identifiers, version 1 CA certificates). Bouncy Castle, as a CA would.
 */
final class CertMaker {
    private static final AtomicLong SERIALS = new AtomicLong(1_000);
    static final Instant NOW = Instant.now();
    static final ASN1ObjectIdentifier UNKNOWN_EXTENSION = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.7.1");

    final X500Name subject;
    final KeyPair keys;
    X500Name issuer;
    KeyPair signer;
    /** The issuer's public key written into the authority key identifier; null = the signer's. */
    PublicKey akiKey;

    byte[] akiKeyId;
    /** When set, the authority key identifier as CAs often write it: key id, issuer name and serial of this certificate. */
    X509Certificate akiFrom;
    /** With {@link #akiFrom}: a different serial in the identifier (a forged or stale one). */
    BigInteger akiSerial;

    boolean noAki;
    boolean noSki;
    byte[] skiOverride;
    String algorithm;
    Instant notBefore = NOW.minus(Duration.ofDays(1));
    Instant notAfter = NOW.plus(Duration.ofDays(365));
    boolean v1;
    /** -1: no basicConstraints; 0: cA false; 1: cA true. */
    int ca = 1;

    Integer pathLen;
    boolean basicConstraintsCritical = true;
    /** BC KeyUsage bits, 0 = none. */
    int keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;

    KeyPurposeId[] ekus = {};
    List<GeneralName> sans = new ArrayList<>();
    boolean sanCritical;
    boolean unknownCritical;
    boolean unknownNonCritical;
    NameConstraints nameConstraints;
    boolean policyConstraints;
    boolean criticalPolicies;
    boolean policies;

    CertMaker(String subject, KeyPair keys) {
        this.subject = new X500Name(subject);
        this.keys = keys;
        this.issuer = this.subject;
        this.signer = keys;
    }

    static CertMaker root(String subject, KeyPair keys) {
        return new CertMaker(subject, keys);
    }

    CertMaker issuedBy(X500Name issuerName, KeyPair issuerKeys) {
        this.issuer = issuerName;
        this.signer = issuerKeys;
        return this;
    }

    CertMaker leaf() {
        ca = 0;
        keyUsage = KeyUsage.digitalSignature;
        ekus = new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth};
        return this;
    }

    CertMaker validity(Instant from, Instant until) {
        notBefore = from;
        notAfter = until;
        return this;
    }

    CertMaker expired() {
        return validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
    }

    static NameConstraints permittedDns(String domain) {
        return new NameConstraints(
                new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain))}, null);
    }

    static NameConstraints permittedDirectory(String dn) {
        return new NameConstraints(
                new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.directoryName, new X500Name(dn)))},
                null);
    }

    X509Certificate build() {
        try {
            String alg = algorithm != null ? algorithm : defaultAlgorithm(signer);
            JcaContentSignerBuilder contentSigner = new JcaContentSignerBuilder(alg);
            BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
            if (v1) {
                X509v1CertificateBuilder b = new JcaX509v1CertificateBuilder(
                        issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
                return new JcaX509CertificateConverter()
                        .getCertificate(b.build(contentSigner.build(signer.getPrivate())));
            }
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            if (!noSki) {
                b.addExtension(
                        Extension.subjectKeyIdentifier,
                        false,
                        skiOverride != null
                                ? new SubjectKeyIdentifier(skiOverride)
                                : utils.createSubjectKeyIdentifier(keys.getPublic()));
            }
            if (!noAki && akiFrom != null) {
                AuthorityKeyIdentifier real = utils.createAuthorityKeyIdentifier(akiFrom);
                b.addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        akiSerial == null
                                ? real
                                : new AuthorityKeyIdentifier(
                                        real.getKeyIdentifier(), real.getAuthorityCertIssuer(), akiSerial));
            } else if (!noAki) {
                b.addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        akiKeyId != null
                                ? new AuthorityKeyIdentifier(akiKeyId)
                                : utils.createAuthorityKeyIdentifier(akiKey != null ? akiKey : signer.getPublic()));
            }
            if (ca >= 0) {
                BasicConstraints bc = ca == 0
                        ? new BasicConstraints(false)
                        : pathLen != null ? new BasicConstraints(pathLen) : new BasicConstraints(true);
                b.addExtension(Extension.basicConstraints, basicConstraintsCritical, bc);
            }
            if (keyUsage != 0) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (ekus.length > 0) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ekus));
            }
            if (!sans.isEmpty()) {
                b.addExtension(
                        Extension.subjectAlternativeName,
                        sanCritical,
                        new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            if (unknownCritical) {
                b.addExtension(UNKNOWN_EXTENSION, true, DERNull.INSTANCE);
            }
            if (unknownNonCritical) {
                b.addExtension(UNKNOWN_EXTENSION, false, DERNull.INSTANCE);
            }
            if (nameConstraints != null) {
                b.addExtension(Extension.nameConstraints, true, nameConstraints);
            }
            if (policyConstraints) {
                b.addExtension(Extension.policyConstraints, true, new PolicyConstraints(BigInteger.ZERO, null));
            }
            if (policies || criticalPolicies) {
                // The critical variant carries a CPS qualifier (the JDK rejects those by default).
                ASN1ObjectIdentifier policy = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.1");
                b.addExtension(
                        Extension.certificatePolicies,
                        criticalPolicies,
                        new CertificatePolicies(
                                criticalPolicies
                                        ? new PolicyInformation(
                                                policy,
                                                new DERSequence(new PolicyQualifierInfo("https://cps.example/")))
                                        : new PolicyInformation(policy)));
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(contentSigner.build(signer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build " + subject, e);
        }
    }

    static String defaultAlgorithm(KeyPair signer) {
        return signer.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
