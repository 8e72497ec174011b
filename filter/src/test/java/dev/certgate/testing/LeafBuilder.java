package dev.certgate.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
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
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Builds one certificate issued by a {@link TestCa}. A leaf by default: valid from an hour before
 * the CA's reference time for a year, a TLS client certificate (clientAuth, digitalSignature);
 * {@link TestCa#subordinate} starts a CA certificate instead.
 */
public final class LeafBuilder {
    /** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1). */
    private static final ASN1ObjectIdentifier OCSP_NOCHECK = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1.5");

    private static final int CA_KEY_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;

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
    /** -1: not a CA; otherwise -2 for no path length limit, or the limit. */
    private int pathLength = -1;

    private boolean ca;

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
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(
                    issuer == null ? subject : issuer.name(),
                    serial != null ? serial : TestCa.nextSerial(),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    spki);
            b.addExtension(Extension.subjectKeyIdentifier, false, ski);
            b.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    issuer != null
                            ? utils.createAuthorityKeyIdentifier(issuer.certificate())
                            : new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
            addExtensions(b);
            KeyPair signing = issuer == null ? kp : issuer.keyPair();
            return new JcaX509CertificateConverter().getCertificate(b.build(TestCa.signer(signing)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test certificate " + subject, e);
        }
    }

    private void addExtensions(X509v3CertificateBuilder b) throws Exception {
        b.addExtension(
                Extension.basicConstraints,
                true,
                !ca
                        ? new BasicConstraints(false)
                        : pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength));
        if (keyUsage != 0) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (ekus.length > 0) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ekus));
        }
        if (!sans.isEmpty()) {
            b.addExtension(
                    Extension.subjectAlternativeName, false, new DERSequence(sans.toArray(new ASN1Encodable[0])));
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
