package dev.certgate.rules;

import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;

/**
 * A {@code matches} pattern. Cloudflare runs Rust's regex with Unicode off and byte matching:
 * {@code .} is one byte, classes are ASCII. RE2J matches UTF-16 text, so both sides are mapped to
 * "one char per byte" (ISO-8859-1 view of the UTF-8 bytes): non-ASCII literals of the pattern
 * become their UTF-8 byte sequence. Constructs Rust rejects in that mode (or at all) are rejected
 * here with a reason, at compile time.
 */
final class Regex {
    private final String source;
    private final Pattern pattern;

    private Regex(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /** Compiles; IllegalArgumentException carries the reason. */
    static Regex compile(String source) {
        String translated = translate(source);
        try {
            return new Regex(source, Pattern.compile(translated));
        } catch (RuntimeException | StackOverflowError e) {
            String msg = e.getMessage() == null ? "invalid regular expression" : e.getMessage();
            throw new IllegalArgumentException("invalid regular expression: " + msg.replace('\n', ' '));
        }
    }

    boolean find(String oneCharPerByte) {
        return pattern.matcher(oneCharPerByte).find();
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
                checkGroupFlags(p, i + 2);
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

    private static void checkGroupFlags(String p, int at) {
        if (p.startsWith("=", at) || p.startsWith("!", at) || p.startsWith("<=", at) || p.startsWith("<!", at)) {
            throw new IllegalArgumentException("look-around is not supported by the regex engine");
        }
        if (p.startsWith("P<", at) || p.startsWith("<", at)) {
            return;
        }
        for (int i = at; i < p.length() && p.charAt(i) != ')' && p.charAt(i) != ':'; i++) {
            char f = p.charAt(i);
            if (f == 'u') {
                throw new IllegalArgumentException("the Unicode flag (?u) is not supported by certgate");
            }
            if (f == 'x' || f == 'R') {
                throw new IllegalArgumentException("the regex flag " + f + " is not supported by certgate");
            }
        }
    }
}
