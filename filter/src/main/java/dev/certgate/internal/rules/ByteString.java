package dev.certgate.internal.rules;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable byte string from a literal or a list item, with its text when the bytes are valid
 * UTF-8 (then comparing with a request's {@link String} needs no encoding).
 */
final class ByteString implements Comparable<ByteString> {
    private final byte[] bytes;
    /** The bytes decoded as UTF-8, or null when they are not valid UTF-8. */
    final String text;

    ByteString(byte[] bytes) {
        this.bytes = bytes;
        this.text = decodeStrict(bytes);
    }

    static ByteString of(String text) {
        return new ByteString(text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return bytes.length;
    }

    static String decodeStrict(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The UTF-8 bytes of a runtime Bytes value (a request String or a computed byte[]). */
    static byte[] bytesOf(Object value) {
        return value instanceof String ? ((String) value).getBytes(StandardCharsets.UTF_8) : (byte[]) value;
    }

    /**
     * Whether the UTF-8 bytes of {@code s} start (or end) with {@code affix}, decided on the chars
     * when the compared part is ASCII (a request path usually is): no encoding then. Null when a
     * non-ASCII char is in the way and the bytes must be compared.
     */
    static Boolean asciiAffix(String s, byte[] affix, boolean prefix) {
        int n = affix.length;
        int len = s.length();
        for (int i = 0; i < n; i++) {
            if (i >= len) {
                return Boolean.FALSE; // all of s is ASCII and shorter than the affix
            }
            char c = s.charAt(prefix ? i : len - 1 - i);
            if (c >= 0x80) {
                return null;
            }
            if (c != affix[prefix ? i : n - 1 - i]) {
                return Boolean.FALSE;
            }
        }
        return Boolean.TRUE;
    }

    static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Unsigned lexicographic order, as Cloudflare orders strings. */
    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** Order of a request string against a literal, without encoding when both are text. */
    static int compare(String s, ByteString literal) {
        if (literal.text == null) {
            return compare(s.getBytes(StandardCharsets.UTF_8), literal.bytes);
        }
        // Code point order equals UTF-8 byte order; String.compareTo (UTF-16 units) does not.
        String t = literal.text;
        int i = 0;
        int j = 0;
        while (i < s.length() && j < t.length()) {
            int a = s.codePointAt(i);
            int b = t.codePointAt(j);
            if (a != b) {
                return a < b ? -1 : 1;
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Boolean.compare(i < s.length(), j < t.length());
    }

    @Override
    public int compareTo(ByteString o) {
        return compare(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteString && Arrays.equals(bytes, ((ByteString) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** A quoted literal that reads back to the same bytes. */
    @Override
    public String toString() {
        return quote(bytes);
    }

    static String quote(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 2).append('"');
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b == '"' || b == '\\') {
                sb.append('\\').append((char) b);
                i++;
            } else if (b >= 0x20 && b < 0x7F) {
                sb.append((char) b);
                i++;
            } else {
                int len = utf8SequenceLength(bytes, i);
                if (len > 1) {
                    sb.append(new String(bytes, i, len, StandardCharsets.UTF_8));
                    i += len;
                } else {
                    sb.append(String.format("\\x%02x", b));
                    i++;
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Length of a valid multi-byte UTF-8 sequence of a printable character at i, else 1. */
    private static int utf8SequenceLength(byte[] b, int i) {
        int lead = b[i] & 0xFF;
        int len = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? (lead <= 0xEF ? 3 : 1) : lead >= 0xC2 ? 2 : 1;
        if (len == 1 || i + len > b.length) {
            return 1;
        }
        String s = decodeStrict(Arrays.copyOfRange(b, i, i + len));
        if (s == null
                || s.isEmpty()
                || Character.isISOControl(s.codePointAt(0))
                || Character.isWhitespace(s.codePointAt(0))
                || !Character.isDefined(s.codePointAt(0))) {
            return 1;
        }
        return len;
    }
}
