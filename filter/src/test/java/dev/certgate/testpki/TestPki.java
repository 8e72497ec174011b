package dev.certgate.testpki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds small test PKIs with Bouncy Castle: CAs, leaves, responder certificates, CRLs. EC P-256 for speed. */
public final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(1000);
    public static final Instant NOW = Instant.parse("2030-01-15T12:00:00Z");

    private TestPki() {}

    /** A certificate and its key pair. */
    public record Issued(X509Certificate cert, KeyPair keys) {
        public X500Name name() {
            return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        }
    }

    public static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ContentSigner signer(KeyPair keys) {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued root(String cn) {
        return cert(cn).ca().build();
    }

    public static CertBuilder cert(String cn) {
        return new CertBuilder(cn);
    }

    /** Fluent certificate builder; self-signed unless issuer() is called. */
    public static final class CertBuilder {
        private final String cn;
        private Issued issuer;
        private boolean ca;
        private BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
        private Instant notBefore = NOW.minusSeconds(86400 * 30);
        private Instant notAfter = NOW.plusSeconds(86400 * 365);
        private final List<String> cdpUris = new ArrayList<>();
        private X500Name cdpCrlIssuer;
        private String ocspUrl;
        private boolean ocspSigning;
        private boolean noCheck;
        private Integer keyUsage;
        private KeyPair keys;

        private CertBuilder(String cn) {
            this.cn = cn;
        }

        public CertBuilder issuer(Issued issuer) { this.issuer = issuer; return this; }
        public CertBuilder ca() { this.ca = true; return this; }
        public CertBuilder serial(BigInteger serial) { this.serial = serial; return this; }
        public CertBuilder validity(Instant from, Instant to) { this.notBefore = from; this.notAfter = to; return this; }
        public CertBuilder crlDistributionPoint(String uri) { cdpUris.add(uri); return this; }
        public CertBuilder crlIssuerInDistributionPoint(X500Name crlIssuer) { this.cdpCrlIssuer = crlIssuer; return this; }
        public CertBuilder ocspUrl(String url) { this.ocspUrl = url; return this; }
        public CertBuilder ocspSigning() { this.ocspSigning = true; return this; }
        public CertBuilder noCheck() { this.noCheck = true; return this; }
        public CertBuilder keyUsage(int bits) { this.keyUsage = bits; return this; }
        public CertBuilder keys(KeyPair keys) { this.keys = keys; return this; }

        public Issued build() {
            try {
                KeyPair own = keys != null ? keys : keyPair();
                X500Name subject = new X500Name("CN=" + cn + ",O=certgate test");
                X500Name issuerName = issuer == null ? subject : issuer.name();
                KeyPair signing = issuer == null ? own : issuer.keys();
                JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, serial,
                        Date.from(notBefore), Date.from(notAfter), subject, own.getPublic());
                JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
                b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(own.getPublic()));
                if (issuer != null) {
                    b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.cert()));
                }
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                int ku = keyUsage != null ? keyUsage
                        : ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature : KeyUsage.digitalSignature;
                b.addExtension(Extension.keyUsage, true, new KeyUsage(ku));
                if (!cdpUris.isEmpty() || cdpCrlIssuer != null) {
                    List<DistributionPoint> points = new ArrayList<>();
                    GeneralNames crlIssuer = cdpCrlIssuer == null ? null : new GeneralNames(new GeneralName(cdpCrlIssuer));
                    for (String uri : cdpUris) {
                        points.add(new DistributionPoint(new DistributionPointName(
                                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri))), null, crlIssuer));
                    }
                    if (cdpUris.isEmpty()) {
                        points.add(new DistributionPoint(null, null, crlIssuer));
                    }
                    b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points.toArray(new DistributionPoint[0])));
                }
                if (ocspUrl != null) {
                    b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                            AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl)));
                }
                if (ocspSigning) {
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                }
                if (noCheck) {
                    b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1.5"), false, DERNull.INSTANCE);
                }
                X509CertificateHolder holder = b.build(signer(signing));
                return new Issued(new JcaX509CertificateConverter().getCertificate(holder), own);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static CrlBuilder crl(Issued issuer) {
        return new CrlBuilder(issuer);
    }

    /** Fluent CRL builder (BC's X509v2CRLBuilder), DER out. */
    public static final class CrlBuilder {
        private final Issued issuer;
        private X500Name issuerName;
        private KeyPair signingKeys;
        private Instant thisUpdate = NOW.minusSeconds(3600);
        private Instant nextUpdate = NOW.plusSeconds(86400);
        private boolean noNextUpdate;
        private final List<Object[]> entries = new ArrayList<>();
        private final List<Extension> extensions = new ArrayList<>();
        private boolean authorityKeyId = true;
        private long number = 1;

        private CrlBuilder(Issued issuer) {
            this.issuer = issuer;
            this.issuerName = issuer.name();
            this.signingKeys = issuer.keys();
        }

        public CrlBuilder thisUpdate(Instant t) { this.thisUpdate = t; return this; }
        public CrlBuilder nextUpdate(Instant t) { this.nextUpdate = t; return this; }
        public CrlBuilder noNextUpdate() { this.noNextUpdate = true; return this; }
        public CrlBuilder number(long n) { this.number = n; return this; }
        public CrlBuilder signWith(KeyPair keys) { this.signingKeys = keys; return this; }
        public CrlBuilder issuerName(X500Name name) { this.issuerName = name; return this; }
        public CrlBuilder withoutAuthorityKeyId() { this.authorityKeyId = false; return this; }

        public CrlBuilder revoke(BigInteger serial, int reason) {
            entries.add(new Object[] {serial, reason, null});
            return this;
        }

        /** An indirect-CRL entry for a certificate of another issuer. */
        public CrlBuilder revoke(BigInteger serial, int reason, X500Name certificateIssuer) {
            entries.add(new Object[] {serial, reason, certificateIssuer});
            return this;
        }

        public CrlBuilder extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
            try {
                extensions.add(new Extension(oid, critical, new DEROctetString(value.toASN1Primitive().getEncoded())));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        public CrlBuilder delta(long baseNumber) {
            return extension(Extension.deltaCRLIndicator, true, new ASN1Integer(baseNumber));
        }

        public CrlBuilder issuingDistributionPoint(IssuingDistributionPoint idp) {
            return extension(Extension.issuingDistributionPoint, true, idp);
        }

        public static IssuingDistributionPoint idp(String uri, boolean onlyUser, boolean onlyCa, ReasonFlags someReasons, boolean indirect) {
            DistributionPointName name = uri == null ? null
                    : new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
            return new IssuingDistributionPoint(name, onlyUser, onlyCa, someReasons, indirect, false);
        }

        public byte[] build() {
            try {
                X509v2CRLBuilder b = new X509v2CRLBuilder(issuerName, Date.from(thisUpdate));
                if (!noNextUpdate) {
                    b.setNextUpdate(Date.from(nextUpdate));
                }
                for (Object[] e : entries) {
                    if (e[2] == null) {
                        b.addCRLEntry((BigInteger) e[0], Date.from(thisUpdate.minusSeconds(60)), (Integer) e[1]);
                    } else {
                        org.bouncycastle.asn1.x509.ExtensionsGenerator g = new org.bouncycastle.asn1.x509.ExtensionsGenerator();
                        g.addExtension(Extension.reasonCode, false, org.bouncycastle.asn1.x509.CRLReason.lookup((Integer) e[1]));
                        g.addExtension(Extension.certificateIssuer, true, new GeneralNames(new GeneralName((X500Name) e[2])));
                        b.addCRLEntry((BigInteger) e[0], Date.from(thisUpdate.minusSeconds(60)), g.generate());
                    }
                }
                b.addExtension(Extension.cRLNumber, false, new ASN1Integer(number));
                if (authorityKeyId) {
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(new JcaX509CertificateHolder(issuer.cert()).getSubjectPublicKeyInfo()));
                }
                for (Extension extension : extensions) {
                    b.addExtension(extension);
                }
                return b.build(signer(signingKeys)).getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
