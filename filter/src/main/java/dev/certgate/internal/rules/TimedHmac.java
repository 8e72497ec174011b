package dev.certgate.internal.rules;

import static dev.certgate.internal.rules.Functions.arity;
import static dev.certgate.internal.rules.Functions.arr;
import static dev.certgate.internal.rules.Functions.literal;
import static dev.certgate.internal.rules.Functions.type;

import dev.certgate.internal.rules.Functions.Function;
import dev.certgate.internal.rules.Functions.Site;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code is_timed_hmac_valid_v0(key, messageMAC, ttl, now [, separatorLength [, flags]])}:
 * Cloudflare's signed-URL check. The MessageMAC is {@code message separator timestamp "-" mac}
 * with a 10-digit UNIX timestamp; the mac is Base64 of HMAC-SHA256(key, message + timestamp),
 * percent-encoded standard Base64 by default, URL-safe Base64 without padding with flag {@code s}.
 * Valid when the mac matches and the timestamp is neither in the future nor older than ttl seconds.
 */
final class TimedHmac {
    private static final int TIMESTAMP_DIGITS = 10;
    /** 32 bytes of HMAC-SHA256 in URL-safe Base64 without padding. */
    private static final int URL_SAFE_MAC_LENGTH = 43;

    private final byte[] key;
    private final long ttl;
    private final int separatorLength;
    private final boolean urlSafe;

    private TimedHmac(byte[] key, long ttl, int separatorLength, boolean urlSafe) {
        this.key = key;
        this.ttl = ttl;
        this.separatorLength = separatorLength;
        this.urlSafe = urlSafe;
    }

    static Value build(Function f, Site site) throws RuleSyntaxException {
        String sig = f.signature();
        arity(f.name(), site, 4, 6, sig);
        type(f.name(), site, 0, Type.BYTES, sig);
        literal(f.name(), site, 0, sig);
        type(f.name(), site, 1, Type.BYTES, sig);
        type(f.name(), site, 2, Type.INT, sig);
        literal(f.name(), site, 2, sig);
        type(f.name(), site, 3, Type.INT, sig);
        byte[] key = (byte[]) ((Literal) site.args().get(0)).value;
        if (key.length == 0) {
            throw site.error(site.offset(0), "the HMAC key is empty", "the secret key as a string literal");
        }
        long ttl = (Long) ((Literal) site.args().get(2)).value;
        if (ttl < 0) {
            throw site.error(site.offset(2), "the ttl " + ttl + " is negative", "a number of seconds, 0 or more");
        }
        int separatorLength = 0;
        if (site.args().size() > 4) {
            type(f.name(), site, 4, Type.INT, sig);
            literal(f.name(), site, 4, sig);
            long l = (Long) ((Literal) site.args().get(4)).value;
            if (l < 0 || l > 1024) {
                throw site.error(site.offset(4), "the separator length " + l + " is out of range", "0 to 1024");
            }
            separatorLength = (int) l;
        }
        boolean urlSafe = false;
        if (site.args().size() > 5) {
            type(f.name(), site, 5, Type.BYTES, sig);
            literal(f.name(), site, 5, sig);
            String flags = new String((byte[]) ((Literal) site.args().get(5)).value, StandardCharsets.UTF_8);
            if (!flags.equals("s") && !flags.isEmpty()) {
                throw site.error(site.offset(5), "unknown flags \"" + flags + "\"", "\"s\" (URL-safe Base64 mac)");
            }
            urlSafe = flags.equals("s");
        }
        TimedHmac check = new TimedHmac(key, ttl, separatorLength, urlSafe);
        return new Call(f.name(), Type.BOOL, a -> check.valid(ByteString.bytesOf(a[1]), (Long) a[3]), arr(site));
    }

    boolean valid(byte[] messageMac, long now) {
        int dash = urlSafe ? messageMac.length - URL_SAFE_MAC_LENGTH - 1 : lastIndexOf(messageMac, (byte) '-');
        int timestampStart = dash - TIMESTAMP_DIGITS;
        int messageEnd = timestampStart - separatorLength;
        if (dash < 0 || messageMac[dash] != '-' || messageEnd < 1) {
            return false;
        }
        long timestamp = 0;
        for (int i = timestampStart; i < dash; i++) {
            byte d = messageMac[i];
            if (d < '0' || d > '9') {
                return false;
            }
            timestamp = timestamp * 10 + (d - '0');
        }
        if (timestamp > now || now - timestamp > ttl) {
            return false;
        }
        byte[] presented = decodeMac(Arrays.copyOfRange(messageMac, dash + 1, messageMac.length));
        if (presented == null) {
            return false;
        }
        byte[] signed = new byte[messageEnd + TIMESTAMP_DIGITS];
        System.arraycopy(messageMac, 0, signed, 0, messageEnd);
        System.arraycopy(messageMac, timestampStart, signed, messageEnd, TIMESTAMP_DIGITS);
        return MessageDigest.isEqual(hmac(signed), presented);
    }

    private byte[] decodeMac(byte[] text) {
        try {
            if (urlSafe) {
                return Base64.getUrlDecoder().decode(text);
            }
            return Base64.getDecoder().decode(UrlDecoder.decode(text, false, false));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] hmac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    private static int lastIndexOf(byte[] b, byte c) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
