package dev.certgate.internal.forwarding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code %XX} decoding of URL-encoded PEM (nginx {@code $ssl_client_escaped_cert}, AWS ALB, Envoy
 * XFCC, Traefik). A {@code +} stays a {@code +}: it is a base64 character, and no proxy here
 * encodes a space as {@code +} inside certificate text. A broken escape is an error, never skipped.
 */
final class PercentDecoding {
    private PercentDecoding() {}

    static String decode(String text) throws MalformedCertificateHeader {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new MalformedCertificateHeader("a '%' escape cut short at the end");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedCertificateHeader(
                            "'%" + text.charAt(i + 1) + text.charAt(i + 2) + "' is not a percent escape");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7E || c < 0x20) {
                throw new MalformedCertificateHeader("a raw non-ASCII or control character in URL-encoded text");
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
