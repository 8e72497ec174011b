package dev.certgate.internal.rules;

import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;

/**
 * A {@code matches} pattern. Cloudflare runs Rust's regex with Unicode off and byte matching:
 * {@code .} is one byte, classes are ASCII. RE2J matches UTF-16 text, so both sides are mapped to
 * "one char per byte" (ISO-8859-1 view of the UTF-8 bytes): non-ASCII literals of the pattern
 * become their UTF-8 byte sequence. Constructs Rust rejects in that mode (or at all) are rejected
 * here with a reason, at compile time.
 *
 * <p>A pattern that starts with the Unicode flag ({@code (?u)}, {@code (?iu)}…) is matched in
 * Unicode mode instead: against the value decoded as UTF-8, where {@code .} is one character and
 * {@code \p{…}} classes work. Turning Unicode on or off for only a part of a pattern is refused.
 */
final class Regex {
    private final String source;
    private final Pattern pattern;
    private final boolean unicode;

    private Regex(String source, Pattern pattern, boolean unicode) {
        this.source = source;
        this.pattern = pattern;
        this.unicode = unicode;
    }

    /** Compiles; IllegalArgumentException carries the reason. */
    static Regex compile(String source) {
        String rest = unicodePrefix(source);
        boolean unicode = rest != null;
        String translated = unicode ? translateUnicode(rest) : translate(source);
        try {
            return new Regex(source, Pattern.compile(translated), unicode);
        } catch (RuntimeException | StackOverflowError e) {
            String msg = e.getMessage() == null ? "invalid regular expression" : e.getMessage();
            throw new IllegalArgumentException("invalid regular expression: " + msg.replace('\n', ' '));
        }
    }

    /** A request value, as a servlet gives it. */
    boolean find(String text) {
        if (unicode) {
            return pattern.matcher(text).find();
        }
        return ByteString.isAscii(text)
                ? pattern.matcher(text).find()
                : findBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    boolean findBytes(byte[] value) {
        return pattern.matcher(view(value)).find();
    }

    /** Number of capturing groups. */
    int groups() {
        return pattern.groupCount();
    }

    /** Byte offsets of the first match and of each group (start, end; -1 when a group took no part), or null. */
    int[] firstMatch(byte[] value) {
        String text = view(value);
        com.google.re2j.Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return null;
        }
        int[] out = new int[2 * (m.groupCount() + 1)];
        for (int g = 0; g <= m.groupCount(); g++) {
            out[2 * g] = byteOffset(text, m.start(g));
            out[2 * g + 1] = byteOffset(text, m.end(g));
        }
        return out;
    }

    /**
     * The text the pattern runs on: one char per byte, or in Unicode mode the decoded characters
     * (a value that is not valid UTF-8 is matched byte by byte, as it has no characters).
     */
    private String view(byte[] value) {
        if (unicode) {
            String decoded = ByteString.decodeStrict(value);
            if (decoded != null) {
                return decoded;
            }
        }
        return new String(value, StandardCharsets.ISO_8859_1);
    }

    private int byteOffset(String text, int charOffset) {
        if (charOffset < 0 || !unicode) {
            return charOffset;
        }
        return text.substring(0, charOffset).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The pattern after a leading flag group that turns Unicode on (without the 'u'), or null. */
    private static String unicodePrefix(String p) {
        if (!p.startsWith("(?")) {
            return null;
        }
        int close = p.indexOf(')');
        if (close < 0) {
            return null;
        }
        String flags = p.substring(2, close);
        if (!flags.matches("[imsU]*u[imsU]*")) {
            return null;
        }
        String others = flags.replace("u", "");
        return (others.isEmpty() ? "" : "(?" + others + ")") + p.substring(close + 1);
    }

    /** Unicode mode: RE2J's own syntax is Unicode-aware; only the checks remain. */
    private static String translateUnicode(String p) {
        StringBuilder out = new StringBuilder(p.length());
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                char e = p.charAt(i + 1);
                if (e >= '0' && e <= '9') {
                    throw new IllegalArgumentException(
                            "backreferences and octal escapes (\\" + e + ") are not supported by the regex engine");
                }
                out.append(c).append(e);
                i++;
                continue;
            }
            if (c == '(' && p.startsWith("(?", i)) {
                checkGroupFlags(p, i + 2, true);
                i = appendFlagGroup(p, i, out);
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Copies a "(?flags" opening without a '-u' (already the mode); returns the index of its last char. */
    private static int appendFlagGroup(String p, int at, StringBuilder out) {
        if (p.startsWith("P<", at + 2) || p.startsWith("<", at + 2)) {
            out.append("(?");
            return at + 1; // a named group, not flags
        }
        int i = at + 2;
        StringBuilder flags = new StringBuilder();
        while (i < p.length() && p.charAt(i) != ')' && p.charAt(i) != ':') {
            flags.append(p.charAt(i));
            i++;
        }
        String f = flags.toString().replace("u", "");
        if (f.endsWith("-")) {
            f = f.substring(0, f.length() - 1);
        }
        if (f.isEmpty() && i < p.length() && p.charAt(i) == ')') {
            return i; // "(?-u)": nothing left to say
        }
        out.append("(?").append(f);
        if (i < p.length()) {
            out.append(p.charAt(i));
        }
        return i;
    }

    /** The pattern as a literal that lexes back to the same pattern. */
    String printed() {
        if (source.indexOf('"') < 0) {
            return '"' + source + '"';
        }
        StringBuilder hashes = new StringBuilder("#");
        while (source.contains("\"" + hashes)) {
            hashes.append('#');
        }
        return "r" + hashes + '"' + source + '"' + hashes;
    }

    private static String translate(String p) {
        StringBuilder out = new StringBuilder(p.length() + 16);
        int classDepth = 0;
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) {
                    throw new IllegalArgumentException("the regular expression ends with a lone \\");
                }
                char e = p.charAt(i + 1);
                if (e >= '0' && e <= '9') {
                    throw new IllegalArgumentException(
                            "backreferences and octal escapes (\\" + e + ") are not supported by the regex engine");
                }
                if (e == 'p' || e == 'P') {
                    throw new IllegalArgumentException("Unicode classes (\\" + e + ") need Unicode mode, which is off");
                }
                if (e == 'Q' || e == 'E' || e == 'C' || e == 'Z' || e >= 0x80) {
                    throw new IllegalArgumentException("unsupported escape \\" + e);
                }
                out.append(c).append(e);
                i += 2;
                continue;
            }
            if (classDepth > 0) {
                if (c == '[') {
                    classDepth++;
                } else if (c == ']') {
                    classDepth--;
                } else if (c >= 0x80) {
                    throw new IllegalArgumentException(
                            "non-ASCII character '" + c + "' in a character class needs Unicode mode, which is off");
                }
                out.append(c);
                i++;
                continue;
            }
            if (c == '[') {
                classDepth = 1;
                out.append(c);
                i++;
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                if (i < p.length() && p.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                if (i < p.length() && p.charAt(i) == ']') {
                    out.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '(' && p.startsWith("(?", i)) {
                checkGroupFlags(p, i + 2, false);
                i = appendFlagGroup(p, i, out) + 1;
                continue;
            }
            if (c >= 0x80) {
                int cp = p.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.append("(?:");
                for (byte b : utf8) {
                    out.append(String.format("\\x{%02x}", b & 0xFF));
                }
                out.append(')');
                i += Character.charCount(cp);
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static void checkGroupFlags(String p, int at, boolean unicode) {
        if (p.startsWith("=", at) || p.startsWith("!", at) || p.startsWith("<=", at) || p.startsWith("<!", at)) {
            throw new IllegalArgumentException("look-around is not supported by the regex engine");
        }
        if (p.startsWith("P<", at) || p.startsWith("<", at)) {
            return;
        }
        boolean negated = false;
        for (int i = at; i < p.length() && p.charAt(i) != ')' && p.charAt(i) != ':'; i++) {
            char f = p.charAt(i);
            negated |= f == '-';
            if (f == 'u' && unicode == negated) {
                throw new IllegalArgumentException(
                        unicode
                                ? "Unicode mode is on for the whole pattern; certgate cannot turn it off for a part (?-u)"
                                : "the Unicode flag (?u) applies to the whole pattern only: put it at the very start");
            }
            if (f == 'x' || f == 'R') {
                throw new IllegalArgumentException("the regex flag " + f + " is not supported by certgate");
            }
        }
    }
}
