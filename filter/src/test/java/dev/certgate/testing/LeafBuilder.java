package dev.certgate.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/** Builds one leaf certificate; defaults: valid from an hour ago for a year, a TLS client certificate. */
public final class LeafBuilder {
    private final TestCa issuer;
    private final String dn;
    private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
    private KeyPurposeId[] ekus = {KeyPurposeId.id_kp_clientAuth};
    private int keyUsage = KeyUsage.digitalSignature;
    private final List<GeneralName> sans = new ArrayList<>();
    private BigInteger serial;

    LeafBuilder(TestCa issuer, String dn) {
        this.issuer = issuer;
        this.dn = dn;
    }

    public LeafBuilder validity(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    /** Expired yesterday. */
    public LeafBuilder expired() {
        return validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
    }

    /** A TLS server certificate (serverAuth EKU) instead of a client one. */
    public LeafBuilder server() {
        this.ekus = new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth};
        return this;
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
        for (String n : names) {
            sans.add(new GeneralName(GeneralName.dNSName, n));
        }
        return this;
    }

    public LeafBuilder ip(String... addresses) {
        for (String a : addresses) {
            sans.add(new GeneralName(GeneralName.iPAddress, a));
        }
        return this;
    }

    public LeafBuilder uri(String... uris) {
        for (String u : uris) {
            sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, u));
        }
        return this;
    }

    public LeafBuilder email(String... emails) {
        for (String e : emails) {
            sans.add(new GeneralName(GeneralName.rfc822Name, e));
        }
        return this;
    }

    public LeafBuilder serial(BigInteger serial) {
        this.serial = serial;
        return this;
    }

    public TestIdentity issue() {
        KeyPair kp = TestCa.newKeyPair();
        TestCa.Extensions ext = b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (keyUsage != 0) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (ekus.length > 0) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ekus));
            }
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new DERSequence(sans.toArray(new ASN1Encodable[0])));
            }
        };
        X509Certificate cert = serial == null
                ? TestCa.sign(new X500Name(dn), kp, issuer.name(), issuer.keyPair(), notBefore, notAfter, ext,
                issuer.certificate())
                : TestCa.sign(new X500Name(dn), kp, issuer.name(), issuer.keyPair(), notBefore, notAfter, ext,
                issuer.certificate(), serial);
        return new TestIdentity(cert, kp, TestCa.concat(new X509Certificate[] {cert}, issuer.chainToRoot()));
    }
}
