package dev.certgate.internal.forwarding;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** DER and PEM certificates from header text, strictly: anything else in the text is an error. */
final class Certificates {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private Certificates() {}

    static X509Certificate der(byte[] der) throws MalformedCertificateHeader {
        if (der.length == 0) {
            throw new MalformedCertificateHeader("an empty certificate");
        }
        try {
            // A CertificateFactory is not documented as thread-safe; one per call is cheap next to parsing.
            X509Certificate c = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            if (c == null) {
                throw new MalformedCertificateHeader("no certificate in the DER bytes");
            }
            return c;
        } catch (CertificateException | RuntimeException e) {
            throw new MalformedCertificateHeader("not a DER X.509 certificate (" + e.getMessage() + ")");
        }
    }

    /** Base64 (standard alphabet, padding optional, no line breaks) of one DER certificate. */
    static X509Certificate base64(String text) throws MalformedCertificateHeader {
        try {
            return der(Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
            throw new MalformedCertificateHeader("not base64 (" + e.getMessage() + ")");
        }
    }

    /**
     * Every {@code CERTIFICATE} PEM block of {@code text}, in order; only whitespace may stand
     * between, before and after them.
     */
    static List<X509Certificate> pem(String text) throws MalformedCertificateHeader {
        List<X509Certificate> out = new ArrayList<>();
        int i = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, i);
            if (begin < 0) {
                if (!text.substring(i).isBlank()) {
                    throw new MalformedCertificateHeader("text outside the PEM certificate blocks");
                }
                break;
            }
            if (!text.substring(i, begin).isBlank()) {
                throw new MalformedCertificateHeader("text outside the PEM certificate blocks");
            }
            int end = text.indexOf(END, begin);
            if (end < 0) {
                throw new MalformedCertificateHeader("a PEM block without its END line");
            }
            String body = text.substring(begin + BEGIN.length(), end);
            StringBuilder b64 = new StringBuilder(body.length());
            for (int k = 0; k < body.length(); k++) {
                char c = body.charAt(k);
                if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
                    continue;
                }
                b64.append(c);
            }
            out.add(base64(b64.toString()));
            i = end + END.length();
        }
        if (out.isEmpty()) {
            throw new MalformedCertificateHeader("no PEM certificate");
        }
        return out;
    }
}
