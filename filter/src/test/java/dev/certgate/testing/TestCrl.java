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
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Builds one CRL of a {@link TestCa} (DER out): by default issued an hour before the CA's
 * reference time, next update a day after it, CRL number 1, with the CA's authority key id.
 */
public final class TestCrl {
    private record Entry(BigInteger serial, int reason, Instant revokedAt, X500Name certificateIssuer) {}

    private final TestCa issuer;
    private X500Name issuerName;
    private KeyPair signingKeys;
    private Instant thisUpdate;
    private Instant nextUpdate;
    private boolean noNextUpdate;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Extension> extensions = new ArrayList<>();
    private boolean authorityKeyId = true;
    private long number = 1;

    TestCrl(TestCa issuer) {
        this.issuer = issuer;
        this.issuerName = issuer.name();
        this.signingKeys = issuer.keyPair();
        this.thisUpdate = issuer.now().minus(Duration.ofHours(1));
        this.nextUpdate = issuer.now().plus(Duration.ofDays(1));
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

    /** An issuing distribution point: its URI (or null), scope flags and reasons (or null). */
    public static IssuingDistributionPoint idp(
            String uri, boolean onlyUser, boolean onlyCa, ReasonFlags someReasons, boolean indirect) {
        DistributionPointName name = uri == null
                ? null
                : new DistributionPointName(
                        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
        return new IssuingDistributionPoint(name, onlyUser, onlyCa, someReasons, indirect, false);
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
                        Extension.authorityKeyIdentifier,
                        false,
                        new JcaX509ExtensionUtils()
                                .createAuthorityKeyIdentifier(issuer.keyPair().getPublic()));
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
