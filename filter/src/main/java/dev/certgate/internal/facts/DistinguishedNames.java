package dev.certgate.internal.facts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The DN renderings Cloudflare exposes, parsed structurally (never by regular expression) and
 * printed exactly as OpenSSL prints them, character for character:
 * <ul>
 * <li>RFC 2253 ({@code openssl x509 -nameopt RFC2253}): most specific first, and within a
 * multi-valued RDN the attributes in reverse order too; {@code , + " \ < > ;} escaped with a
 * backslash, {@code #} and a space at the start and a space at the end escaped, control characters
 * and every byte of a non-ASCII character as {@code \XX} (UTF-8: {@code é} is {@code \C3\A9});
 * <li>legacy ({@code -nameopt compat}, OpenSSL's one-line form): certificate order,
 * {@code /} between RDNs and {@code +} inside one, {@code /} and {@code +} in values escaped with a
 * backslash, control and non-ASCII bytes as {@code \xXX}.
 * </ul>
 * Attribute types OpenSSL has no short name for print as their OID with the value's DER in hex.
 */
final class DistinguishedNames {
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
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
            Map.entry("2.5.4.43", "initials"),
            Map.entry("2.5.4.44", "generationQualifier"),
            Map.entry("2.5.4.46", "dnQualifier"),
            Map.entry("2.5.4.65", "pseudonym"),
            Map.entry("2.5.4.41", "name"),
            Map.entry("2.5.4.12", "title"),
            Map.entry("2.5.4.13", "description"),
            Map.entry("2.5.4.15", "businessCategory"),
            Map.entry("2.5.4.17", "postalCode"),
            Map.entry("2.5.4.97", "organizationIdentifier"),
            Map.entry("1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"),
            Map.entry("1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST"),
            Map.entry("1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"));

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private DistinguishedNames() {}

    static String rfc2253(X500Principal principal) {
        List<AttributeTypeAndValue[]> rdns = rdns(principal);
        StringBuilder sb = new StringBuilder();
        for (int r = rdns.size() - 1; r >= 0; r--) {
            AttributeTypeAndValue[] values = rdns.get(r);
            for (int i = values.length - 1; i >= 0; i--) {
                if (sb.length() > 0) {
                    sb.append(i == values.length - 1 ? ',' : '+');
                }
                appendRfc2253(sb, values[i]);
            }
        }
        return sb.toString();
    }

    static String legacy(X500Principal principal) {
        StringBuilder sb = new StringBuilder();
        for (AttributeTypeAndValue[] values : rdns(principal)) {
            for (int i = 0; i < values.length; i++) {
                sb.append(i == 0 ? '/' : '+');
                String name = SHORT_NAMES.get(values[i].getType().getId());
                sb.append(name != null ? name : values[i].getType().getId()).append('=');
                byte[] text = text(values[i].getValue());
                if (text == null) {
                    appendDer(sb, values[i].getValue());
                    continue;
                }
                for (byte b : text) {
                    int c = b & 0xFF;
                    if (c < 0x20 || c > 0x7E) {
                        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
                    } else {
                        if (c == '/' || c == '+') {
                            sb.append('\\');
                        }
                        sb.append((char) c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static void appendRfc2253(StringBuilder sb, AttributeTypeAndValue ava) {
        String name = SHORT_NAMES.get(ava.getType().getId());
        sb.append(name != null ? name : ava.getType().getId()).append('=');
        byte[] text = name == null ? null : text(ava.getValue());
        if (text == null) {
            appendDer(sb, ava.getValue());
            return;
        }
        for (int i = 0; i < text.length; i++) {
            int c = text[i] & 0xFF;
            if (c < 0x20 || c >= 0x7F) {
                sb.append('\\').append(HEX[c >> 4]).append(HEX[c & 15]);
                continue;
            }
            boolean escape = ",+\"\\<>;".indexOf(c) >= 0
                    || (i == 0 && (c == '#' || c == ' '))
                    || (i == text.length - 1 && c == ' ');
            if (escape) {
                sb.append('\\');
            }
            sb.append((char) c);
        }
    }

    /** {@code #} and the hex of the value's DER, as OpenSSL dumps a value it cannot print as text. */
    private static void appendDer(StringBuilder sb, ASN1Encodable value) {
        sb.append('#');
        try {
            for (byte b : value.toASN1Primitive().getEncoded()) {
                sb.append(HEX[(b >> 4) & 15]).append(HEX[b & 15]);
            }
        } catch (java.io.IOException e) {
            // an encoded name always re-encodes; nothing more to print
        }
    }

    /** The value's characters as UTF-8, or null when it is not a string type. */
    private static byte[] text(ASN1Encodable value) {
        if (value instanceof ASN1String s && !(value instanceof org.bouncycastle.asn1.DERBitString)) {
            return s.getString().getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    private static List<AttributeTypeAndValue[]> rdns(X500Principal principal) {
        X500Name name;
        try {
            name = X500Name.getInstance(principal.getEncoded());
        } catch (RuntimeException e) {
            return List.of();
        }
        List<AttributeTypeAndValue[]> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            out.add(rdn.getTypesAndValues());
        }
        return out;
    }
}
