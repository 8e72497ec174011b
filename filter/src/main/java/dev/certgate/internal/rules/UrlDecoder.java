package dev.certgate.internal.rules;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** {@code url_decode}: {@code %XX} and {@code +}; optionally {@code %uXXXX} and recursion. */
final class UrlDecoder {
    private UrlDecoder() {}

    static byte[] decode(byte[] in, boolean recursive, boolean unicode) {
        byte[] current = once(in, unicode);
        // Each pass that changes something makes the input shorter, so this terminates.
        while (recursive && !Arrays.equals(current, in)) {
            in = current;
            current = once(in, unicode);
        }
        return current;
    }

    private static byte[] once(byte[] in, boolean unicode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%' && i + 2 < in.length + 0 && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else if (b == '%'
                    && unicode
                    && i + 5 < in.length
                    && (in[i + 1] == 'u' || in[i + 1] == 'U')
                    && hex(in[i + 2]) >= 0
                    && hex(in[i + 3]) >= 0
                    && hex(in[i + 4]) >= 0
                    && hex(in[i + 5]) >= 0) {
                int cp = hex(in[i + 2]) << 12 | hex(in[i + 3]) << 8 | hex(in[i + 4]) << 4 | hex(in[i + 5]);
                if (Character.isSurrogate((char) cp)) {
                    out.write(b);
                    continue;
                }
                out.writeBytes(String.valueOf((char) cp).getBytes(StandardCharsets.UTF_8));
                i += 5;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        return Character.digit(b, 16) >= 0 && b < 0x80 ? Character.digit(b, 16) : -1;
    }
}
