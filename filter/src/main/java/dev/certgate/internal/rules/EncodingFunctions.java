package dev.certgate.internal.rules;

import static dev.certgate.internal.rules.Functions.arity;
import static dev.certgate.internal.rules.Functions.arr;
import static dev.certgate.internal.rules.Functions.describe;
import static dev.certgate.internal.rules.Functions.literal;
import static dev.certgate.internal.rules.Functions.type;

import dev.certgate.internal.rules.Functions.Function;
import dev.certgate.internal.rules.Functions.Site;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** encode_base64, sha256 and to_string. */
final class EncodingFunctions {
    private EncodingFunctions() {}

    /**
     * {@code encode_base64(input [, flags])}: standard alphabet without padding by default;
     * {@code u} selects the URL-safe alphabet, {@code p} adds padding.
     */
    static Value encodeBase64(Function f, Site site) throws RuleSyntaxException {
        arity(f.name(), site, 1, 2, f.signature());
        type(f.name(), site, 0, Type.BYTES, f.signature());
        boolean urlSafe = false;
        boolean padding = false;
        if (site.args().size() == 2) {
            type(f.name(), site, 1, Type.BYTES, f.signature());
            literal(f.name(), site, 1, f.signature());
            String flags = new String((byte[]) ((Literal) site.args().get(1)).value, StandardCharsets.UTF_8);
            if (!flags.matches("u?p?|pu")) {
                throw site.error(
                        site.offset(1),
                        "unknown encode_base64() flags \"" + flags + "\"",
                        "\"u\" (URL-safe), \"p\" (padding) or \"up\"");
            }
            urlSafe = flags.contains("u");
            padding = flags.contains("p");
        }
        Base64.Encoder encoder = urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder();
        Base64.Encoder e = padding ? encoder : encoder.withoutPadding();
        return new Call(f.name(), Type.BYTES, (Call.Unary) x -> e.encode(ByteString.bytesOf(x)), arr(site));
    }

    /** {@code sha256(input)}: the 32-byte digest (Bytes; wrap it in encode_base64() to compare it as text). */
    static Value sha256(Function f, Site site) throws RuleSyntaxException {
        arity(f.name(), site, 1, 1, f.signature());
        type(f.name(), site, 0, Type.BYTES, f.signature());
        return new Call(f.name(), Type.BYTES, (Call.Unary) x -> digest(ByteString.bytesOf(x)), arr(site));
    }

    static byte[] digest(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** {@code to_string(Integer | Boolean | IP)}: decimal, {@code true}/{@code false}, or the address's text. */
    static Value toStringOf(Function f, Site site) throws RuleSyntaxException {
        arity(f.name(), site, 1, 1, f.signature());
        Value v = site.args().get(0);
        Type.Kind k = v.type.kind;
        if (k != Type.Kind.INT && k != Type.Kind.BOOL && k != Type.Kind.IP) {
            throw site.error(
                    site.offset(0),
                    "argument 1 of to_string() is " + describe(v),
                    "an Integer, a Boolean or an IP address");
        }
        return new Call(f.name(), Type.BYTES, (Call.Unary) Object::toString, arr(site));
    }
}
