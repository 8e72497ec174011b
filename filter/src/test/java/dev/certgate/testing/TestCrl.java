package dev.certgate.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.X509v2CRLBuilder;

/**
 * Builds one CRL of a {@link TestCa} (DER out): by default issued an hour before the CA's
 * reference time, next update a day after it, CRL number 1, with the signer's key identifier as
 * authority key id. {@link #signedBy} starts one signed by a certificate that is not a CA (a
 * separate CRL-signing key, an indirect CRL's authority). The static helpers make the
 * distribution point names of RFC 5280 §4.2.1.13 and §5.2.5, for CRLs and for certificates.
 */
public final class TestCrl {
    private record Entry(BigInteger serial, int reason, Instant revokedAt, X500Name certificateIssuer) {}

    private final TestIdentity signer;
    private X500Name issuerName;
    private KeyPair signingKeys;
    private Instant thisUpdate;
    private Instant nextUpdate;
    private boolean noNextUpdate;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Extension> extensions = new ArrayList<>();
    private boolean authorityKeyId = true;
    private long number = 1;

    TestCrl(TestIdentity signer, Instant now) {
        this.signer = signer;
        this.issuerName = signer.name();
        this.signingKeys = signer.keyPair();
        this.thisUpdate = now.minus(Duration.ofHours(1));
        this.nextUpdate = now.plus(Duration.ofDays(1));
    }

    /** A CRL signed by any certificate's key (e.g. one with only cRLSign), issued around now. */
    public static TestCrl signedBy(TestIdentity signer, Instant now) {
        return new TestCrl(signer, now);
    }

    public TestCrl thisUpdate(Instant t) {
        this.thisUpdate = t;
        return this;
    }

    public TestCrl nextUpdate(Instant t) {
        this.nextUpdate = t;
        return this;
    }

    public TestCrl noNextUpdate() {
        this.noNextUpdate = true;
        return this;
    }

    public TestCrl number(long n) {
        this.number = n;
        return this;
    }

    /** Signed by other keys than the CA's (a forged or re-keyed CRL). */
    public TestCrl signWith(KeyPair keys) {
        this.signingKeys = keys;
        return this;
    }

    public TestCrl issuerName(X500Name name) {
        this.issuerName = name;
        return this;
    }

    public TestCrl withoutAuthorityKeyId() {
        this.authorityKeyId = false;
        return this;
    }

    /** Revokes serial (reason: a BC CRLReason constant) a minute before thisUpdate. */
    public TestCrl revoke(BigInteger serial, int reason) {
        return revoke(serial, reason, null);
    }

    /** An indirect-CRL entry for a certificate of another issuer (null: this CRL's issuer). */
    public TestCrl revoke(BigInteger serial, int reason, X500Name certificateIssuer) {
        entries.add(new Entry(serial, reason, null, certificateIssuer));
        return this;
    }

    /** Revokes serial at a given time. */
    public TestCrl revokeAt(BigInteger serial, int reason, Instant revokedAt) {
        entries.add(new Entry(serial, reason, revokedAt, null));
        return this;
    }

    public TestCrl extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            extensions.add(new Extension(
                    oid, critical, new DEROctetString(value.toASN1Primitive().getEncoded())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A delta CRL of the base CRL with that number. */
    public TestCrl delta(long baseNumber) {
        return extension(Extension.deltaCRLIndicator, true, new ASN1Integer(baseNumber));
    }

    public TestCrl issuingDistributionPoint(IssuingDistributionPoint idp) {
        return extension(Extension.issuingDistributionPoint, true, idp);
    }

    /** A freshestCRL extension: where the delta CRLs of this base are. */
    public TestCrl freshestCrl(String uri) {
        return extension(
                Extension.freshestCRL, false, new CRLDistPoint(new DistributionPoint[] {point(uri, null, null)}));
    }

    /** An issuing distribution point: its name (or null; {@link #fullName} or {@link #relativeName}), scope flags and reasons (or null). */
    public static IssuingDistributionPoint idp(
            DistributionPointName name, boolean onlyUser, boolean onlyCa, ReasonFlags someReasons, boolean indirect) {
        return new IssuingDistributionPoint(name, onlyUser, onlyCa, someReasons, indirect, false);
    }

    /** A certificate's distribution point: a URI full name (or none), a cRLIssuer (or none), reasons (BC ReasonFlags bits, or null). */
    public static DistributionPoint point(String uri, X500Name crlIssuer, Integer reasons) {
        return new DistributionPoint(
                uri == null ? null : fullName(uri),
                reasons == null ? null : new ReasonFlags(reasons),
                crlIssuer == null ? null : new GeneralNames(new GeneralName(crlIssuer)));
    }

    /** A certificate's distribution point named relative to its CRL issuer, e.g. {@code CN=Partition 2}. */
    public static DistributionPoint relativePoint(String cn) {
        return new DistributionPoint(relativeName(cn), null, null);
    }

    /** nameRelativeToCRLIssuer: one CN appended to the CRL issuer's name. */
    public static DistributionPointName relativeName(String cn) {
        return new DistributionPointName(
                DistributionPointName.NAME_RELATIVE_TO_CRL_ISSUER,
                new DERSet(new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String(cn))));
    }

    public static DistributionPointName fullName(String uri) {
        return new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
    }

    public static DistributionPointName fullName(X500Name directoryName) {
        return new DistributionPointName(new GeneralNames(new GeneralName(directoryName)));
    }

    public byte[] build() {
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(issuerName, Date.from(thisUpdate));
            if (!noNextUpdate) {
                b.setNextUpdate(Date.from(nextUpdate));
            }
            for (Entry e : entries) {
                Date at = Date.from(e.revokedAt() != null ? e.revokedAt() : thisUpdate.minusSeconds(60));
                if (e.certificateIssuer() == null) {
                    b.addCRLEntry(e.serial(), at, e.reason());
                } else {
                    ExtensionsGenerator g = new ExtensionsGenerator();
                    g.addExtension(Extension.reasonCode, false, CRLReason.lookup(e.reason()));
                    g.addExtension(
                            Extension.certificateIssuer,
                            true,
                            new GeneralNames(new GeneralName(e.certificateIssuer())));
                    b.addCRLEntry(e.serial(), at, g.generate());
                }
            }
            b.addExtension(Extension.cRLNumber, false, new ASN1Integer(number));
            if (authorityKeyId) {
                b.addExtension(
                        Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(signer.keyIdentifier()));
            }
            for (Extension extension : extensions) {
                b.addExtension(extension);
            }
            return b.build(TestCa.signer(signingKeys)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
