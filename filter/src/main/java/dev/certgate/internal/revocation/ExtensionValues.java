package dev.certgate.internal.revocation;

import java.io.IOException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;

/** Reads a certificate extension's value: the DER inside the extension's OCTET STRING. */
public final class ExtensionValues {
    private ExtensionValues() {}

    /**
     * The decoded value of the extension oid of cert, or null when cert does not have it.
     *
     * @throws IOException or an unchecked BC exception when the value is not DER
     */
    public static ASN1Primitive of(X509Certificate cert, String oid) throws IOException {
        byte[] extension = cert.getExtensionValue(oid);
        return extension == null
                ? null
                : ASN1Primitive.fromByteArray(
                        ASN1OctetString.getInstance(extension).getOctets());
    }
}
