package dev.certgate.internal.rules;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The characters of one expression: position, white space, words, and the decoding of literals
 * (strings, raw strings, byte lists, regex text, integers, IP addresses). The {@link Parser} asks
 * it for the next piece; every problem is a {@link RuleSyntaxException} at the offending offset.
 */
final class Scanner {
    final String src;
    /** The end of the expression without trailing white space. */
    final int end;

    int pos;

    Scanner(String src) {
        this.src = src;
        int s = 0;
        int e = src.length();
        while (s < e && Character.isWhitespace(src.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(src.charAt(e - 1))) {
            e--;
        }
        this.pos = s;
        this.end = e;
    }

    RuleSyntaxException error(int at, String problem, String expected) {
        return new RuleSyntaxException(src, at, problem, expected);
    }

    ByteString bytesLiteral() throws RuleSyntaxException {
        int at = pos;
        if (peek() == '"') {
            return new ByteString(quotedString());
        }
        if (rawStringAhead()) {
            return new ByteString(rawString());
        }
        byte[] list = byteList();
        if (list != null) {
            return new ByteString(list);
        }
        throw error(
                at,
                pos >= end ? "the expression ends too early" : "unexpected " + describeToken(),
                "a string literal such as \"text\"");
    }

    /** {@code 6F:72:67}: two or more hex pairs separated by ':', '-' or '.'; null if not one. */
    byte[] byteList() {
        int save = pos;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos + 2 > end || hex(src.charAt(pos)) < 0 || hex(src.charAt(pos + 1)) < 0) {
                pos = save;
                return null;
            }
            out.write(hex(src.charAt(pos)) << 4 | hex(src.charAt(pos + 1)));
            pos += 2;
            char c = (char) peek();
            if ((c == ':' || c == '-' || c == '.') && pos + 1 < end && hex(src.charAt(pos + 1)) >= 0) {
                pos++;
                continue;
            }
            break;
        }
        if (out.size() < 2 || identChar(peek())) {
            pos = save;
            return null;
        }
        return out.toByteArray();
    }

    private static int hex(int c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    byte[] quotedString() throws RuleSyntaxException {
        int start = pos;
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= end) {
                throw error(start, "unterminated string", "a closing \"");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toByteArray();
            }
            if (c != '\\') {
                int cp = src.codePointAt(pos);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                pos += Character.charCount(cp);
                continue;
            }
            char e = pos + 1 < end ? src.charAt(pos + 1) : 0;
            if (e == '"' || e == '\\') {
                out.write(e);
                pos += 2;
            } else if (e == 'x') {
                if (pos + 3 >= end || hex(src.charAt(pos + 2)) < 0 || hex(src.charAt(pos + 3)) < 0) {
                    throw error(pos, "invalid escape: \\x needs exactly two hex digits", "\\xHH");
                }
                out.write(hex(src.charAt(pos + 2)) << 4 | hex(src.charAt(pos + 3)));
                pos += 4;
            } else if (e >= '0' && e <= '7') {
                int v = 0;
                for (int i = 1; i <= 3; i++) {
                    char d = pos + i < end ? src.charAt(pos + i) : 0;
                    if (d < '0' || d > '7') {
                        throw error(pos, "invalid escape: an octal escape needs exactly three digits", "\\OOO");
                    }
                    v = v * 8 + (d - '0');
                }
                if (v > 255) {
                    throw error(
                            pos,
                            "invalid escape: octal value " + Integer.toOctalString(v) + " exceeds 377",
                            "\\000 to \\377");
                }
                out.write(v);
                pos += 4;
            } else {
                throw error(
                        pos,
                        "invalid escape " + (e == 0 ? "\\ at the end" : "\\" + e),
                        "one of \\\" \\\\ \\xHH \\OOO (or a raw string r\"...\")");
            }
        }
    }

    boolean rawStringAhead() {
        return peek() == 'r' && pos + 1 < end && (src.charAt(pos + 1) == '"' || src.charAt(pos + 1) == '#');
    }

    byte[] rawString() throws RuleSyntaxException {
        int start = pos;
        pos++;
        int hashes = 0;
        while (peek() == '#') {
            hashes++;
            pos++;
        }
        if (hashes > 255) {
            throw error(start, "a raw string can have at most 255 #", "r\"...\" or r#\"...\"#");
        }
        if (peek() != '"') {
            throw error(pos, "unexpected " + describeToken(), "\" to start the raw string");
        }
        pos++;
        String close = "\"" + "#".repeat(hashes);
        int stop = src.indexOf(close, pos);
        if (stop < 0 || stop + close.length() > end) {
            throw error(start, "unterminated raw string", close);
        }
        byte[] b = src.substring(pos, stop).getBytes(StandardCharsets.UTF_8);
        pos = stop + close.length();
        return b;
    }

    /** Regex quoting: only {@code \"} outside a class is unescaped; a '"' in a class is literal. */
    String quotedRegex() throws RuleSyntaxException {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        int classDepth = 0;
        while (true) {
            if (pos >= end) {
                throw error(start, "unterminated regular expression", "a closing \"");
            }
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < end) {
                char n = src.charAt(pos + 1);
                if (n == '"' && classDepth == 0) {
                    sb.append('"');
                } else {
                    sb.append(c).append(n);
                }
                pos += 2;
                continue;
            }
            if (c == '"' && classDepth == 0) {
                pos++;
                return sb.toString();
            }
            sb.append(c);
            pos++;
            if (c == '[') {
                classDepth++;
                if (peek() == '^') {
                    sb.append('^');
                    pos++;
                }
                if (peek() == ']') {
                    sb.append(']');
                    pos++;
                }
            } else if (c == ']' && classDepth > 0) {
                classDepth--;
            }
        }
    }

    long intLiteral() throws RuleSyntaxException {
        int at = pos;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        String digits = takeWhile("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_");
        if (digits.isEmpty()) {
            throw error(
                    at, pos >= end ? "the expression ends too early" : "unexpected " + describeToken(), "an integer");
        }
        if (peek() == '.' && !src.startsWith("..", pos)) {
            throw error(at, "floating-point numbers are not supported", "an integer");
        }
        int radix = 10;
        String body = digits;
        if (digits.startsWith("0x")) {
            if (negative) {
                throw error(at, "a hexadecimal integer cannot be negative", "a decimal integer such as -1");
            }
            radix = 16;
            body = digits.substring(2);
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
            body = digits.substring(1);
        }
        for (int i = 0; i < body.length(); i++) {
            if (Character.digit(body.charAt(i), radix) < 0) {
                String kind = radix == 16 ? "hexadecimal" : radix == 8 ? "octal (it starts with 0)" : "decimal";
                throw error(at, "invalid " + kind + " integer " + (negative ? "-" : "") + digits, "an integer");
            }
        }
        if (body.isEmpty()) {
            throw error(at, "invalid integer " + digits, "an integer");
        }
        BigInteger v = new BigInteger(body, radix);
        if (negative) {
            v = v.negate();
        }
        if (v.bitLength() > 63) {
            throw error(
                    at,
                    "integer " + (negative ? "-" : "") + digits + " does not fit in 64 bits",
                    "an integer from -9223372036854775808 to 9223372036854775807");
        }
        return v.longValue();
    }

    /** An address, or inside a set also a CIDR or an {@code a..b} range, as an inclusive range. */
    static final class IpItem {
        final IpAddress start;
        final IpAddress end;
        final String text;

        IpItem(IpAddress start, IpAddress end, String text) {
            this.start = start;
            this.end = end;
            this.text = text;
        }
    }

    IpItem ipItem(boolean inSet) throws RuleSyntaxException {
        int at = pos;
        if (peek() == '"') {
            throw error(at, "IP addresses are written without quotes", "an IP address such as 192.0.2.1");
        }
        String text = takeWhile("0123456789abcdefABCDEF:./");
        if (text.isEmpty() || identChar(peek())) {
            throw error(
                    at,
                    pos >= end ? "the expression ends too early" : "unexpected " + describeToken(),
                    inSet ? "an IP address, CIDR or range" : "an IP address such as 192.0.2.1");
        }
        try {
            return parseIpItem(text, inSet);
        } catch (IllegalArgumentException e) {
            throw error(
                    at,
                    e.getMessage(),
                    inSet ? "an IP address, CIDR (192.0.2.0/24) or range (a..b)" : "an IP address such as 192.0.2.1");
        }
    }

    /** Shared by literals and list items; IllegalArgumentException says what is wrong. */
    static IpItem parseIpItem(String text, boolean inSet) {
        int range = text.indexOf("..");
        int slash = text.indexOf('/');
        if ((range >= 0 || slash >= 0) && !inSet) {
            throw new IllegalArgumentException((slash >= 0 ? "a CIDR" : "a range") + " like " + text
                    + " is only allowed in a set: use in {" + text + "}");
        }
        if (range >= 0) {
            IpAddress a = address(text.substring(0, range));
            IpAddress b = address(text.substring(range + 2));
            if (a.isV4() != b.isV4()) {
                throw new IllegalArgumentException("the range " + text + " mixes IPv4 and IPv6");
            }
            if (a.compareTo(b) > 0) {
                throw new IllegalArgumentException("the range " + text + " is reversed");
            }
            return new IpItem(a, b, a + ".." + b);
        }
        if (slash >= 0) {
            IpAddress base = address(text.substring(0, slash));
            String bitsText = text.substring(slash + 1);
            int max = base.isV4() ? 32 : 128;
            if (!bitsText.matches("[0-9]{1,3}") || Integer.parseInt(bitsText) > max) {
                throw new IllegalArgumentException("invalid prefix length /" + bitsText + " (0 to " + max + ")");
            }
            int bits = Integer.parseInt(bitsText);
            if (!base.mask(bits).equals(base)) {
                throw new IllegalArgumentException(
                        "the CIDR " + text + " has host bits set; did you mean " + base.mask(bits) + "/" + bits + "?");
            }
            return new IpItem(base, IpRanges.lastOf(base, bits), base + "/" + bits);
        }
        IpAddress a = address(text);
        return new IpItem(a, a, a.toString());
    }

    private static IpAddress address(String text) {
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid IP address " + text);
        }
    }

    /** The offset of a '(' after optional spaces (CR, LF) at pos, or -1; pos is unchanged. */
    int parenthesisAfterSpaces() {
        int i = pos;
        while (i < end && (src.charAt(i) == ' ' || src.charAt(i) == '\r' || src.charAt(i) == '\n')) {
            i++;
        }
        return i < end && src.charAt(i) == '(' ? i : -1;
    }

    int peek() {
        return pos < end ? src.charAt(pos) : -1;
    }

    void skipSpace() throws RuleSyntaxException {
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == '\t') {
                throw error(pos, "tab characters are not allowed between tokens", "a space");
            }
            if (c != ' ' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    static boolean identChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** {@code [A-Za-z0-9_]+} segments joined by single dots. */
    String identifier() {
        int start = pos;
        while (true) {
            int segment = pos;
            while (identChar(peek())) {
                pos++;
            }
            if (pos == segment) {
                if (pos > start) {
                    pos--; // give back a trailing '.'
                }
                break;
            }
            if (peek() == '.' && pos + 1 < end && identChar(src.charAt(pos + 1))) {
                pos++;
                continue;
            }
            break;
        }
        return src.substring(start, pos);
    }

    boolean wordAhead(String word) {
        return src.startsWith(word, pos) && pos + word.length() <= end && wordEndsAt(pos + word.length());
    }

    boolean wordEndsAt(int i) {
        return i >= end || !(identChar(src.charAt(i)) || src.charAt(i) == '.');
    }

    String peekWord() {
        return peekWordAt(pos);
    }

    String peekWordAt(int at) {
        int i = at;
        while (i < end && identChar(src.charAt(i))) {
            i++;
        }
        return src.substring(at, i);
    }

    String takeWhile(String allowed) {
        int start = pos;
        while (pos < end && allowed.indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
        return src.substring(start, pos);
    }

    String describeToken() {
        if (pos >= end) {
            return "end of the expression";
        }
        String word = peekWord();
        if (!word.isEmpty()) {
            return "'" + word + "'";
        }
        int cp = src.codePointAt(pos);
        if (pos + 1 < end && "=!<>&|^".indexOf(cp) >= 0 && "=&|^".indexOf(src.charAt(pos + 1)) >= 0) {
            return "'" + src.substring(pos, pos + 2) + "'";
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }
}
