package dev.certgate.internal.revocation.crl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Decodes the first PEM block of a given label. */
final class Pem {

    private Pem() {}

    static boolean isPem(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        return i < bytes.length && bytes[i] == '-';
    }

    static byte[] decode(byte[] bytes, String label) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end, from + 1);
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("no PEM block '" + label + "'");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
