package dev.certgate.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Builds one certificate issued by a {@link TestCa}. A leaf by default: valid from an hour before
 * the CA's reference time for a year, a TLS client certificate (clientAuth, digitalSignature);
 * {@link TestCa#subordinate} starts a CA certificate instead.
 *
 * <p>For chain-validation tests it also writes what no CA should: another signer than the issuer,
 * any or no authority/subject key identifier, any or no basicConstraints, version 1, a weak
 * signature digest, name and policy constraints, critical policies, unknown extensions.
 */
public final class LeafBuilder {
    /** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1). */
    private static final ASN1ObjectIdentifier OCSP_NOCHECK = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1.5");

    private static final int CA_KEY_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;

    /** A private-arc OID no implementation knows. */
    public static final ASN1ObjectIdentifier UNKNOWN_EXTENSION = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.7.1");

    private static final ASN1ObjectIdentifier TEST_POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.1");

    private final TestCa issuer;
    private final X500Name subject;
    private final Instant now;
    private Instant notBefore;
    private Instant notAfter;
    private KeyPurposeId[] ekus = {KeyPurposeId.id_kp_clientAuth};
    private int keyUsage = KeyUsage.digitalSignature;
    private final List<GeneralName> sans = new ArrayList<>();
    private final List<DistributionPoint> distributionPoints = new ArrayList<>();
    private final List<Extension> extensions = new ArrayList<>();
    private String ocspUrl;
    private boolean noCheck;
    private BigInteger serial;
    private KeyPair keys;
    private byte[] keyIdentifier;
    private boolean dsaWithoutParameters;
    /** The path length limit of a CA certificate; negative for none. */
    private int pathLength = -1;

    private boolean ca;

    /** Another key than the issuer's signs the certificate; null = the issuer's. */
    private KeyPair signedBy;
    /** The authority key identifier to write; null = the issuer's, as a CA writes it. */
    private AuthorityKeyIdentifier authorityKeyId;

    private boolean noAuthorityKeyId;
    private boolean noSubjectKeyId;
    /** The basicConstraints to write instead of the ones of a leaf or CA; see {@link #basicConstraints}. */
    private BasicConstraints basicConstraints;

    private boolean basicConstraintsOmitted;
    private boolean basicConstraintsCritical = true;
    private boolean sansCritical;
    private boolean version1;
    private String digest = "SHA256";

    LeafBuilder(TestCa issuer, X500Name subject, Instant now) {
        this.issuer = issuer;
        this.subject = subject;
        this.now = now;
        this.notBefore = now.minus(Duration.ofHours(1));
        this.notAfter = now.plus(Duration.ofDays(365));
    }

    /** A CA certificate (no extended key usage, may sign certificates and CRLs); pathLength -1 for no limit. */
    LeafBuilder ca(int pathLength) {
        this.ca = true;
        this.pathLength = pathLength;
        this.ekus = new KeyPurposeId[0];
        this.keyUsage = CA_KEY_USAGE;
        return this;
    }

    /** The path length limit of a CA certificate; -1 for none. */
    public LeafBuilder pathLength(int pathLength) {
        this.pathLength = pathLength;
        return this;
    }

    public LeafBuilder validity(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    /** Expired yesterday (of the CA's reference time). */
    public LeafBuilder expired() {
        return validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
    }

    /** A TLS server certificate (serverAuth EKU) instead of a client one. */
    public LeafBuilder server() {
        return ekus(KeyPurposeId.id_kp_serverAuth);
    }

    /** An OCSP responder certificate (id-kp-OCSPSigning EKU only). */
    public LeafBuilder ocspSigning() {
        return ekus(KeyPurposeId.id_kp_OCSPSigning);
    }

    /** Given extended key usages; none at all when empty. */
    public LeafBuilder ekus(KeyPurposeId... ekus) {
        this.ekus = ekus;
        return this;
    }

    /** Key usage bits (BC's KeyUsage constants); 0 leaves the extension out. */
    public LeafBuilder keyUsage(int bits) {
        this.keyUsage = bits;
        return this;
    }

    public LeafBuilder dns(String... names) {
        return sans(GeneralName.dNSName, names);
    }

    public LeafBuilder ip(String... addresses) {
        return sans(GeneralName.iPAddress, addresses);
    }

    public LeafBuilder uri(String... uris) {
        return sans(GeneralName.uniformResourceIdentifier, uris);
    }

    public LeafBuilder email(String... emails) {
        return sans(GeneralName.rfc822Name, emails);
    }

    private LeafBuilder sans(int tag, String... values) {
        for (String v : values) {
            sans.add(new GeneralName(tag, v));
        }
        return this;
    }

    public LeafBuilder serial(BigInteger serial) {
        this.serial = serial;
        return this;
    }

    /** The subject's key pair instead of a fresh one (e.g. one key for many certificates). */
    public LeafBuilder keys(KeyPair keys) {
        this.keys = keys;
        return this;
    }

    /** Another subject key identifier than the key's own (an impostor copying an anchor's). */
    public LeafBuilder keyIdentifier(byte[] keyIdentifier) {
        this.keyIdentifier = keyIdentifier.clone();
        return this;
    }

    /** Encodes the (DSA) key without its domain parameters: they are inherited from the issuer (RFC 3279 §2.3.2). */
    public LeafBuilder dsaWithoutParameters() {
        this.dsaWithoutParameters = true;
        return this;
    }

    /** A CRL distribution point with this URI (one point per call). */
    public LeafBuilder crlDistributionPoint(String uri) {
        return crlDistributionPoint(TestCrl.point(uri, null, null));
    }

    /** Any CRL distribution point, e.g. {@link TestCrl#point} with a cRLIssuer or {@link TestCrl#relativePoint}. */
    public LeafBuilder crlDistributionPoint(DistributionPoint point) {
        distributionPoints.add(point);
        return this;
    }

    /** A distribution point with only a cRLIssuer: the certificate is covered by that issuer's indirect CRL. */
    public LeafBuilder crlIssuerInDistributionPoint(X500Name crlIssuer) {
        return crlDistributionPoint(TestCrl.point(null, crlIssuer, null));
    }

    /** Any extension, e.g. a critical one nobody understands. */
    public LeafBuilder extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            extensions.add(new Extension(oid, critical, value.toASN1Primitive().getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** An extension with {@link #UNKNOWN_EXTENSION}, critical or not. */
    public LeafBuilder unknownExtension(boolean critical) {
        return extension(UNKNOWN_EXTENSION, critical, DERNull.INSTANCE);
    }

    /** Critical name constraints permitting one subtree, e.g. (GeneralName.dNSName, "good.example"). */
    public LeafBuilder permittedSubtree(int tag, String name) {
        return extension(
                Extension.nameConstraints,
                true,
                new NameConstraints(new GeneralSubtree[] {new GeneralSubtree(new GeneralName(tag, name))}, null));
    }

    /** Critical policy constraints requiring an explicit policy from here on. */
    public LeafBuilder requireExplicitPolicy() {
        return extension(Extension.policyConstraints, true, new PolicyConstraints(BigInteger.ZERO, null));
    }

    /** One certificate policy; the critical variant carries a CPS qualifier (the JDK rejects those by default). */
    public LeafBuilder certificatePolicy(boolean critical) {
        return extension(
                Extension.certificatePolicies,
                critical,
                new CertificatePolicies(
                        critical
                                ? new PolicyInformation(
                                        TEST_POLICY, new DERSequence(new PolicyQualifierInfo("https://cps.example/")))
                                : new PolicyInformation(TEST_POLICY)));
    }

    /** Marks the subject alternative names critical. */
    public LeafBuilder criticalSubjectAltNames() {
        this.sansCritical = true;
        return this;
    }

    /** Signed by another key than the issuer's (the authority key identifier still names the issuer). */
    public LeafBuilder signedBy(KeyPair signer) {
        this.signedBy = signer;
        return this;
    }

    /** The signature's digest, e.g. "SHA1" or "SHA384", with the signing key's algorithm. */
    public LeafBuilder digest(String digest) {
        this.digest = digest;
        return this;
    }

    /** An authority key identifier with only this key id (a forged or copied one). */
    public LeafBuilder authorityKeyId(byte[] keyId) {
        this.authorityKeyId = new AuthorityKeyIdentifier(keyId);
        return this;
    }

    /** An authority key identifier with only the key id of key (e.g. a stranger's). */
    public LeafBuilder authorityKeyIdOf(PublicKey key) {
        try {
            this.authorityKeyId = new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** An authority key identifier as many CAs write it: key id, issuer name and serial of cert, with serial instead when given. */
    public LeafBuilder authorityKeyIdOf(X509Certificate cert, BigInteger serial) {
        try {
            AuthorityKeyIdentifier real = new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(cert);
            this.authorityKeyId = serial == null
                    ? real
                    : new AuthorityKeyIdentifier(real.getKeyIdentifier(), real.getAuthorityCertIssuer(), serial);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public LeafBuilder noAuthorityKeyId() {
        this.noAuthorityKeyId = true;
        return this;
    }

    public LeafBuilder noSubjectKeyId() {
        this.noSubjectKeyId = true;
        return this;
    }

    /** Other basicConstraints than a leaf's or a CA's (null leaves the extension out); the builder stays a leaf or CA builder. */
    public LeafBuilder basicConstraints(BasicConstraints value, boolean critical) {
        this.basicConstraints = value;
        this.basicConstraintsOmitted = value == null;
        this.basicConstraintsCritical = critical;
        return this;
    }

    /** A version 1 certificate: no extensions at all. */
    public LeafBuilder version1() {
        this.version1 = true;
        return this;
    }

    /** An AIA OCSP responder URL. */
    public LeafBuilder ocspUrl(String url) {
        this.ocspUrl = url;
        return this;
    }

    /** The id-pkix-ocsp-nocheck extension of a delegated OCSP responder. */
    public LeafBuilder noCheck() {
        this.noCheck = true;
        return this;
    }

    /** The certificate with its key and its chain to the root. */
    public TestIdentity issue() {
        KeyPair kp = keys != null ? keys : TestCa.newKeyPair();
        X509Certificate cert = sign(kp);
        X509Certificate[] chain = issuer == null
                ? new X509Certificate[] {cert}
                : TestCa.concat(new X509Certificate[] {cert}, issuer.chainToRoot());
        return new TestIdentity(cert, kp, chain);
    }

    /** The certificate as a CA that issues in turn (for a builder started by {@link TestCa#subordinate}). */
    public TestCa issueCa() {
        if (!ca) {
            throw new IllegalStateException(subject + " is not a CA certificate: start it with TestCa.subordinate");
        }
        return new TestCa(issue(), issuer, now);
    }

    /** Signs the certificate for kp by the issuer's key (kp's own when self-signed). */
    private X509Certificate sign(KeyPair kp) {
        try {
            SubjectPublicKeyInfo spki =
                    SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded());
            if (dsaWithoutParameters) {
                spki = new SubjectPublicKeyInfo(
                        new AlgorithmIdentifier(X9ObjectIdentifiers.id_dsa),
                        new ASN1Integer(((DSAPublicKey) kp.getPublic()).getY()));
            }
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            SubjectKeyIdentifier ski = keyIdentifier != null
                    ? new SubjectKeyIdentifier(keyIdentifier)
                    : utils.createSubjectKeyIdentifier(spki);
            X500Name issuerName = issuer == null ? subject : issuer.name();
            BigInteger serialNumber = serial != null ? serial : TestCa.nextSerial();
            KeyPair signing = signedBy != null ? signedBy : issuer == null ? kp : issuer.keyPair();
            if (version1) {
                X509v1CertificateBuilder v1 = new X509v1CertificateBuilder(
                        issuerName, serialNumber, Date.from(notBefore), Date.from(notAfter), subject, spki);
                return new JcaX509CertificateConverter().getCertificate(v1.build(TestCa.signer(signing, digest)));
            }
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(
                    issuerName, serialNumber, Date.from(notBefore), Date.from(notAfter), subject, spki);
            if (!noSubjectKeyId) {
                b.addExtension(Extension.subjectKeyIdentifier, false, ski);
            }
            if (!noAuthorityKeyId) {
                b.addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        authorityKeyId != null
                                ? authorityKeyId
                                : issuer != null
                                        ? utils.createAuthorityKeyIdentifier(issuer.certificate())
                                        : new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
            }
            addExtensions(b);
            return new JcaX509CertificateConverter().getCertificate(b.build(TestCa.signer(signing, digest)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test certificate " + subject, e);
        }
    }

    private void addExtensions(X509v3CertificateBuilder b) throws Exception {
        if (!basicConstraintsOmitted) {
            b.addExtension(
                    Extension.basicConstraints,
                    basicConstraintsCritical,
                    basicConstraints != null
                            ? basicConstraints
                            : !ca
                                    ? new BasicConstraints(false)
                                    : pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength));
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
                    sansCritical,
                    new DERSequence(sans.toArray(new ASN1Encodable[0])));
        }
        if (!distributionPoints.isEmpty()) {
            b.addExtension(
                    Extension.cRLDistributionPoints,
                    false,
                    new CRLDistPoint(distributionPoints.toArray(new DistributionPoint[0])));
        }
        if (ocspUrl != null) {
            b.addExtension(
                    Extension.authorityInfoAccess,
                    false,
                    new AuthorityInformationAccess(
                            AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl)));
        }
        if (noCheck) {
            b.addExtension(OCSP_NOCHECK, false, DERNull.INSTANCE);
        }
        for (Extension extension : extensions) {
            b.addExtension(extension);
        }
    }
}
