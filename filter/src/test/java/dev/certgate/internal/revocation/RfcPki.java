package dev.certgate.internal.revocation;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A test PKI for the RFC 5280 §6.3 cases, built with Bouncy Castle: any subject and key (EC, or
 * DSA with or without inherited parameters), chosen key identifiers (an impostor copies the
 * anchor's), distribution points with full or relative names, cRLIssuer and reasons, and CRLs
 * with issuing distribution points, certificateIssuer entries, deltas and freshestCRL. Times are
 * relative to the {@code now} it is made with (a fixed instant for the CLI's {@code --at}, the
 * real clock for TLS tests).
 */
public final class RfcPki {

    private static final AtomicLong SERIALS = new AtomicLong(50_000);

    public final Instant now;

    public RfcPki(Instant now) {
        this.now = now;
    }

    /** A certificate, its key pair, and its subject key identifier. */
    public record Party(X509Certificate cert, KeyPair keys, byte[] ski) {
        public X500Name name() {
            return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        }

        public BigInteger serial() {
            return cert.getSerialNumber();
        }

        public String pem() {
            return RfcPki.pem(cert);
        }
    }

    public static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair dsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
            generator.initialize(2048); // the JDK's precomputed parameters: fast
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ContentSigner signer(PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "DSA" -> "SHA256withDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "SHA256withECDSA";
        };
        try {
            return new JcaContentSignerBuilder(algorithm).build(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static X500Name dn(String cn) {
        return new X500Name("CN=" + cn + ",O=certgate rfc test");
    }

    public CertSpec cert(String cn) {
        return new CertSpec(dn(cn));
    }

    public CertSpec cert(X500Name subject) {
        return new CertSpec(subject);
    }

    /** Fluent certificate builder; self-signed unless {@link #issuer} is called. */
    public final class CertSpec {
        private final X500Name subject;
        private Party issuer;
        private KeyPair keys;
        private boolean dsaWithoutParameters;
        private boolean ca;
        private Integer keyUsage;
        private BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
        private byte[] ski;
        private Instant notBefore = now.minus(Duration.ofDays(30));
        private Instant notAfter = now.plus(Duration.ofDays(365));
        private final List<DistributionPoint> points = new ArrayList<>();
        private final List<DistributionPoint> freshest = new ArrayList<>();
        private boolean ocspSigning;
        private boolean noCheck;
        private final List<Extension> extra = new ArrayList<>();

        private CertSpec(X500Name subject) {
            this.subject = subject;
        }

        public CertSpec issuer(Party issuer) {
            this.issuer = issuer;
            return this;
        }

        public CertSpec keys(KeyPair keys) {
            this.keys = keys;
            return this;
        }
        /** Encode the (DSA) key without its domain parameters: they are inherited from the issuer. */
        public CertSpec dsaWithoutParameters() {
            this.dsaWithoutParameters = true;
            return this;
        }

        public CertSpec ca() {
            this.ca = true;
            return this;
        }

        public CertSpec keyUsage(int bits) {
            this.keyUsage = bits;
            return this;
        }

        public CertSpec serial(BigInteger serial) {
            this.serial = serial;
            return this;
        }

        public CertSpec ski(byte[] ski) {
            this.ski = ski;
            return this;
        }

        public CertSpec validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        public CertSpec distributionPoint(DistributionPoint point) {
            points.add(point);
            return this;
        }

        public CertSpec distributionPoint(String uri) {
            return distributionPoint(point(uri, null, null));
        }

        public CertSpec freshest(String uri) {
            freshest.add(point(uri, null, null));
            return this;
        }

        public CertSpec ocspSigning() {
            this.ocspSigning = true;
            return this;
        }

        public CertSpec noCheck() {
            this.noCheck = true;
            return this;
        }
        /** Any extension, e.g. a critical one nobody understands. */
        public CertSpec extension(ASN1ObjectIdentifier oid, boolean critical, byte[] derValue) {
            extra.add(new Extension(oid, critical, derValue));
            return this;
        }

        public Party build() {
            try {
                KeyPair own = keys != null ? keys : ecKeys();
                SubjectPublicKeyInfo spki =
                        SubjectPublicKeyInfo.getInstance(own.getPublic().getEncoded());
                if (dsaWithoutParameters) {
                    spki = new SubjectPublicKeyInfo(
                            new AlgorithmIdentifier(X9ObjectIdentifiers.id_dsa),
                            new ASN1Integer(((DSAPublicKey) own.getPublic()).getY()));
                }
                byte[] keyId = ski != null ? ski : sha1(spki.getPublicKeyData().getBytes());
                X500Name issuerName = issuer == null ? subject : issuer.name();
                X509v3CertificateBuilder b = new X509v3CertificateBuilder(
                        issuerName, serial, Date.from(notBefore), Date.from(notAfter), subject, spki);
                b.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId));
                byte[] authorityKeyId = issuer == null ? keyId : issuer.ski();
                b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                int ku = keyUsage != null
                        ? keyUsage
                        : ca
                                ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                                : KeyUsage.digitalSignature;
                b.addExtension(Extension.keyUsage, true, new KeyUsage(ku));
                if (!points.isEmpty()) {
                    b.addExtension(
                            Extension.cRLDistributionPoints,
                            false,
                            new CRLDistPoint(points.toArray(new DistributionPoint[0])));
                }
                if (!freshest.isEmpty()) {
                    b.addExtension(
                            Extension.freshestCRL, false, new CRLDistPoint(freshest.toArray(new DistributionPoint[0])));
                }
                if (ocspSigning) {
                    b.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                } else if (!ca) {
                    b.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
                if (noCheck) {
                    b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1.5"), false, DERNull.INSTANCE);
                }
                for (Extension e : extra) {
                    b.addExtension(e);
                }
                PrivateKey signing =
                        issuer == null ? own.getPrivate() : issuer.keys().getPrivate();
                X509CertificateHolder holder = b.build(signer(signing));
                return new Party(new JcaX509CertificateConverter().getCertificate(holder), own, keyId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A distribution point: a URI full name (or none), an optional cRLIssuer, optional reasons (BC ReasonFlags bits). */
    public static DistributionPoint point(String uri, X500Name crlIssuer, Integer reasons) {
        DistributionPointName name = uri == null
                ? null
                : new DistributionPointName(
                        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
        return new DistributionPoint(
                name,
                reasons == null ? null : new ReasonFlags(reasons),
                crlIssuer == null ? null : new GeneralNames(new GeneralName(crlIssuer)));
    }

    /** A point named relative to its CRL issuer (nameRelativeToCRLIssuer), e.g. {@code CN=Partition 2}. */
    public static DistributionPoint relativePoint(String cn) {
        return new DistributionPoint(relativeName(cn), null, null);
    }

    public static DistributionPointName relativeName(String cn) {
        return new DistributionPointName(
                DistributionPointName.NAME_RELATIVE_TO_CRL_ISSUER,
                new DERSet(new AttributeTypeAndValue(BCStyle.CN, new org.bouncycastle.asn1.DERUTF8String(cn))));
    }

    public static IssuingDistributionPoint idp(DistributionPointName name, Integer onlySomeReasons, boolean indirect) {
        return new IssuingDistributionPoint(
                name, false, false, onlySomeReasons == null ? null : new ReasonFlags(onlySomeReasons), indirect, false);
    }

    public static DistributionPointName fullName(String uri) {
        return new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
    }

    public static DistributionPointName fullName(X500Name directoryName) {
        return new DistributionPointName(new GeneralNames(new GeneralName(directoryName)));
    }

    public CrlSpec crl(Party signer) {
        return new CrlSpec(signer);
    }

    /** Fluent CRL builder (BC's X509v2CRLBuilder), DER out. */
    public final class CrlSpec {
        private final Party signer;
        private X500Name issuerName;
        private byte[] aki;
        private Instant thisUpdate = now.minus(Duration.ofHours(1));
        private Instant nextUpdate = now.plus(Duration.ofDays(1));
        private long number = 1;
        private Long baseNumber;
        private IssuingDistributionPoint idp;
        private String freshest;
        private final List<Object[]> entries = new ArrayList<>();

        private CrlSpec(Party signer) {
            this.signer = signer;
            this.issuerName = signer.name();
            this.aki = signer.ski();
        }

        public CrlSpec issuerName(X500Name name) {
            this.issuerName = name;
            return this;
        }

        public CrlSpec authorityKeyId(byte[] aki) {
            this.aki = aki;
            return this;
        }

        public CrlSpec times(Instant thisUpdate, Instant nextUpdate) {
            this.thisUpdate = thisUpdate;
            this.nextUpdate = nextUpdate;
            return this;
        }

        public CrlSpec number(long number) {
            this.number = number;
            return this;
        }

        public CrlSpec deltaOf(long baseNumber) {
            this.baseNumber = baseNumber;
            return this;
        }

        public CrlSpec idp(IssuingDistributionPoint idp) {
            this.idp = idp;
            return this;
        }

        public CrlSpec freshest(String uri) {
            this.freshest = uri;
            return this;
        }

        public CrlSpec revoke(BigInteger serial, int reason) {
            entries.add(new Object[] {serial, reason, null});
            return this;
        }

        /** An indirect-CRL entry: this and the following entries are for certificates of certificateIssuer. */
        public CrlSpec revoke(BigInteger serial, int reason, X500Name certificateIssuer) {
            entries.add(new Object[] {serial, reason, certificateIssuer});
            return this;
        }

        public byte[] build() {
            try {
                X509v2CRLBuilder b = new X509v2CRLBuilder(issuerName, Date.from(thisUpdate));
                b.setNextUpdate(Date.from(nextUpdate));
                for (Object[] e : entries) {
                    ExtensionsGenerator g = new ExtensionsGenerator();
                    g.addExtension(Extension.reasonCode, false, CRLReason.lookup((Integer) e[1]));
                    if (e[2] != null) {
                        g.addExtension(
                                Extension.certificateIssuer, true, new GeneralNames(new GeneralName((X500Name) e[2])));
                    }
                    b.addCRLEntry((BigInteger) e[0], Date.from(thisUpdate.minusSeconds(60)), g.generate());
                }
                b.addExtension(Extension.cRLNumber, false, new ASN1Integer(number));
                if (aki != null) {
                    b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(aki));
                }
                if (baseNumber != null) {
                    b.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(baseNumber));
                }
                if (idp != null) {
                    b.addExtension(Extension.issuingDistributionPoint, true, idp);
                }
                if (freshest != null) {
                    b.addExtension(Extension.freshestCRL, false, new CRLDistPoint(new DistributionPoint[] {
                        point(freshest, null, null)
                    }));
                }
                return b.build(signer(signer.keys().getPrivate())).getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A DER OCSP response about cert (issued by issuer), signed by signer, responder ID by name;
     * revokedReason null = good. {@code extraCerts} go into the response (a delegate's certificate).
     */
    public byte[] ocsp(
            Party signer,
            X509Certificate cert,
            X509Certificate issuer,
            Integer revokedReason,
            X509Certificate... extraCerts) {
        try {
            CertificateID id = new CertificateID(
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer),
                    cert.getSerialNumber());
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(signer.name()));
            CertificateStatus status = revokedReason == null
                    ? CertificateStatus.GOOD
                    : new RevokedStatus(Date.from(now.minus(Duration.ofDays(1))), revokedReason);
            b.addResponse(
                    id, status, Date.from(now.minus(Duration.ofMinutes(10))), Date.from(now.plus(Duration.ofHours(4))));
            X509CertificateHolder[] chain = new X509CertificateHolder[extraCerts.length];
            for (int i = 0; i < extraCerts.length; i++) {
                chain[i] = new JcaX509CertificateHolder(extraCerts[i]);
            }
            return new OCSPRespBuilder()
                    .build(OCSPResp.SUCCESSFUL, b.build(signer(signer.keys().getPrivate()), chain, Date.from(now)))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object... objects) {
        try {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                for (Object o : objects) {
                    writer.writeObject(o);
                }
            }
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes each party's certificate as PEM into one file. */
    public static Path writePem(Path file, Party... parties) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Party p : parties) {
            sb.append(pem(p.cert()));
        }
        return Files.writeString(file, sb);
    }

    private static byte[] sha1(byte[] bytes) throws Exception {
        return java.security.MessageDigest.getInstance("SHA-1").digest(bytes);
    }
}
