package dev.certgate.internal.rules;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code wildcard} pattern: the whole value must match, {@code *} stands for zero or more bytes,
 * {@code \*} and {@code \\} are the only escapes, {@code ?} is an ordinary character. Without
 * {@code strict} only ASCII letters fold case.
 */
final class Wildcard {
    final boolean strict;
    /** The pattern as a quoted literal, for printing. */
    final String source;
    /** The literal pieces between stars; there is a star between every two. */
    private final byte[][] pieces;

    private Wildcard(boolean strict, String source, byte[][] pieces) {
        this.strict = strict;
        this.source = source;
        this.pieces = pieces;
    }

    /** Compiles the (already string-unescaped) pattern; IllegalArgumentException says why not. */
    static Wildcard compile(byte[] pattern, boolean strict) {
        List<byte[]> pieces = new ArrayList<>();
        ByteArrayOutputStream piece = new ByteArrayOutputStream();
        boolean lastWasStar = false;
        for (int i = 0; i < pattern.length; i++) {
            byte b = pattern[i];
            if (b == '\\') {
                if (i + 1 == pattern.length) {
                    throw new IllegalArgumentException("the wildcard pattern ends with an unfinished escape \\");
                }
                byte next = pattern[++i];
                if (next != '*' && next != '\\') {
                    throw new IllegalArgumentException(
                            "invalid wildcard escape \\" + (char) (next & 0xFF) + " (only \\* and \\\\ are escapes)");
                }
                piece.write(next);
                lastWasStar = false;
            } else if (b == '*') {
                if (lastWasStar) {
                    throw new IllegalArgumentException("a wildcard pattern cannot contain ** (two stars in a row)");
                }
                pieces.add(piece.toByteArray());
                piece.reset();
                lastWasStar = true;
            } else {
                piece.write(b);
                lastWasStar = false;
            }
        }
        pieces.add(piece.toByteArray());
        byte[][] p = pieces.toArray(new byte[0][]);
        if (!strict) {
            for (byte[] x : p) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = fold(x[i]);
                }
            }
        }
        return new Wildcard(strict, ByteString.quote(pattern), p);
    }

    private static byte fold(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    boolean matches(byte[] value) {
        return match(value);
    }

    /**
     * What each star matched, lazily (each star as short as the later pieces allow): start and end
     * offsets, two per star; null when the whole value does not match.
     */
    int[] starSpans(byte[] value) {
        byte[] in = value;
        if (!match(in)) {
            return null;
        }
        int stars = pieces.length - 1;
        int[] spans = new int[2 * stars];
        int pos = pieces[0].length;
        int limit = value.length - pieces[stars].length;
        for (int p = 1; p < pieces.length - 1; p++) {
            byte[] piece = pieces[p];
            int found = pos;
            while (!region(in, found, piece)) {
                found++;
            }
            spans[2 * (p - 1)] = pos;
            spans[2 * (p - 1) + 1] = found;
            pos = found + piece.length;
        }
        if (stars > 0) {
            spans[2 * stars - 2] = pos;
            spans[2 * stars - 1] = limit;
        }
        return spans;
    }

    int stars() {
        return pieces.length - 1;
    }

    /** For a String known to be ASCII: chars are bytes. Allocation-free: the same walk as for bytes. */
    boolean matchesAscii(String value) {
        return match(value);
    }

    /** The input's length: a {@code byte[]}, or a String known to be ASCII (chars are bytes). */
    private static int length(Object in) {
        return in instanceof String s ? s.length() : ((byte[]) in).length;
    }

    private static byte at(Object in, int i) {
        return in instanceof String s ? (byte) s.charAt(i) : ((byte[]) in)[i];
    }

    private boolean region(Object in, int from, byte[] piece) {
        for (int i = 0; i < piece.length; i++) {
            byte c = at(in, from + i);
            if ((strict ? c : fold(c)) != piece[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean match(Object in) {
        int len = length(in);
        byte[] first = pieces[0];
        if (pieces.length == 1) {
            return len == first.length && region(in, 0, first);
        }
        byte[] last = pieces[pieces.length - 1];
        if (len < first.length + last.length || !region(in, 0, first) || !region(in, len - last.length, last)) {
            return false;
        }
        // Middle pieces: leftmost-first placement is optimal for star-only patterns.
        int pos = first.length;
        int limit = len - last.length;
        for (int p = 1; p < pieces.length - 1; p++) {
            byte[] piece = pieces[p];
            int found = -1;
            for (int i = pos; i + piece.length <= limit; i++) {
                if (region(in, i, piece)) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            pos = found + piece.length;
        }
        return true;
    }
}
