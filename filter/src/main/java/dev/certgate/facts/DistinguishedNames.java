package dev.certgate.facts;

import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The DN renderings Cloudflare exposes, parsed structurally (never by regular expression):
 * RFC 2253 ({@code CN=…,O=…,C=US}, most specific first) and OpenSSL's legacy one-line form
 * ({@code /C=US/O=…/CN=…}, in certificate order).
 */
final class DistinguishedNames {
    /** Attribute names beyond the RFC 2253 set that OpenSSL prints by name. */
    private static final Map<String, String> EXTRA_RFC2253_NAMES = Map.of(
            "1.2.840.113549.1.9.1", "emailAddress",
            "2.5.4.5", "serialNumber",
            "2.5.4.4", "SN",
            "2.5.4.42", "GN",
            "2.5.4.12", "title",
            "2.5.4.15", "businessCategory",
            "2.5.4.17", "postalCode",
            "2.5.4.97", "organizationIdentifier");

    private static final Map<String, String> LEGACY_NAMES = Map.ofEntries(
            Map.entry("2.5.4.3", "CN"),
            Map.entry("2.5.4.6", "C"),
            Map.entry("2.5.4.7", "L"),
            Map.entry("2.5.4.8", "ST"),
            Map.entry("2.5.4.9", "street"),
            Map.entry("2.5.4.10", "O"),
            Map.entry("2.5.4.11", "OU"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"),
            Map.entry("0.9.2342.19200300.100.1.1", "UID"),
            Map.entry("1.2.840.113549.1.9.1", "emailAddress"),
            Map.entry("2.5.4.5", "serialNumber"),
            Map.entry("2.5.4.4", "SN"),
            Map.entry("2.5.4.42", "GN"),
            Map.entry("2.5.4.12", "title"),
            Map.entry("2.5.4.15", "businessCategory"),
            Map.entry("2.5.4.17", "postalCode"),
            Map.entry("2.5.4.97", "organizationIdentifier"));

    private DistinguishedNames() {
    }

    static String rfc2253(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253, EXTRA_RFC2253_NAMES);
    }

    static String legacy(X500Principal principal) {
        X500Name name;
        try {
            name = X500Name.getInstance(principal.getEncoded());
        } catch (RuntimeException e) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            sb.append('/');
            AttributeTypeAndValue[] values = rdn.getTypesAndValues();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    sb.append('+');
                }
                ASN1ObjectIdentifier type = values[i].getType();
                sb.append(LEGACY_NAMES.getOrDefault(type.getId(), type.getId())).append('=');
                sb.append(valueText(values[i].getValue()));
            }
        }
        return sb.toString();
    }

    private static String valueText(ASN1Encodable value) {
        if (value instanceof ASN1String s) {
            return s.getString();
        }
        return value.toString();
    }
}
