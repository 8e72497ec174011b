package dev.certgate.internal.forwarding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.testing.TestCa;
import dev.certgate.testing.TestIdentity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Each format with real certificates (Bouncy Castle-built), and the edge cases of its encoding. */
class CertificateFormatTest {
    private static final TestCa ROOT = TestCa.root("CN=format test root");
    private static final TestCa ISSUING = ROOT.intermediate("CN=format test issuing");
    private static final TestIdentity CLIENT =
            ISSUING.leaf("CN=forwarded client").issue();
    private static final X509Certificate LEAF = CLIENT.certificate();
    private static final X509Certificate MIDDLE = ISSUING.certificate();

    private static String b64(X509Certificate c) throws Exception {
        return Base64.getEncoder().encodeToString(c.getEncoded());
    }

    private static String pem(X509Certificate... certs) throws Exception {
        return TestIdentity.pem((Object[]) certs);
    }

    /** URL-encoding as nginx and Envoy do it: every reserved character escaped, '+' as %2B. */
    private static String escaped(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static MalformedCertificateHeader malformed(CertificateFormat f, String value, String chain) {
        return assertThrows(MalformedCertificateHeader.class, () -> f.decode(value, chain));
    }

    // --- RFC 9440 / RFC 8941 byte sequences

    @Test
    void rfc9440LeafAndChain() throws Exception {
        X509Certificate[] chain = CertificateFormat.RFC9440.decode(":" + b64(LEAF) + ":", ":" + b64(MIDDLE) + ":");
        assertArrayEquals(new X509Certificate[] {LEAF, MIDDLE}, chain);
        assertArrayEquals(new X509Certificate[] {LEAF}, CertificateFormat.RFC9440.decode(":" + b64(LEAF) + ":", null));
    }

    @Test
    void rfc9440SfBinaryEdgeCases() throws Exception {
        String leaf = b64(LEAF);
        // Leading/trailing spaces, parameters of every bare-item type (RFC 9440 defines none: ignored).
        assertEquals(
                LEAF,
                CertificateFormat.RFC9440.decode("  :" + leaf + ":;a=1;b=?0;c=\"x;y\";d=tok;e=:AA==:;f  ", null)[0]);
        // Missing '=' padding is accepted (RFC 8941 §4.2.7).
        String unpadded = leaf.replaceAll("=+$", "");
        assertEquals(LEAF, CertificateFormat.RFC9440.decode(":" + unpadded + ":", null)[0]);
        // A chain list split over two field lines (joined by ", "), with OWS and parameters.
        String two = ":" + b64(MIDDLE) + ":;x=1 ,\t:" + b64(ROOT.certificate()) + ":";
        assertEquals(3, CertificateFormat.RFC9440.decode(":" + leaf + ":", two).length);
        assertEquals(1, CertificateFormat.RFC9440.decode(":" + leaf + ":", "").length, "an empty chain list");

        assertTrue(
                malformed(CertificateFormat.RFC9440, leaf, null).getMessage().contains("byte sequence"),
                "bare base64 is not an sf-binary");
        malformed(CertificateFormat.RFC9440, ":" + leaf, null);
        malformed(CertificateFormat.RFC9440, "::", null);
        malformed(CertificateFormat.RFC9440, ":" + leaf.replace('+', '-') + ":", null); // base64url is not base64
        malformed(CertificateFormat.RFC9440, ":" + leaf + ": x", null);
        malformed(CertificateFormat.RFC9440, ":" + leaf + ":, :" + leaf + ":", null); // two lines of Client-Cert
        malformed(CertificateFormat.RFC9440, "(:" + leaf + ":)", null); // an inner list
        malformed(CertificateFormat.RFC9440, ":" + leaf + ":;A=1", null); // keys are lower case
        malformed(CertificateFormat.RFC9440, ":" + leaf + ":", ":" + b64(MIDDLE) + ":,"); // trailing comma
        malformed(CertificateFormat.RFC9440, ":" + leaf + ":", "\"" + b64(MIDDLE) + "\""); // a string member
        malformed(
                CertificateFormat.RFC9440, ":" + Base64.getEncoder().encodeToString("not DER".getBytes()) + ":", null);
    }

    // --- Envoy XFCC

    @Test
    void xfccTakesOnlyTheLastElement() throws Exception {
        TestIdentity spoofed =
                TestCa.root("CN=client's own CA").leaf("CN=spoofed").issue();
        String forged = "Hash=00;Cert=\"" + escaped(pem(spoofed.certificate())) + "\";Subject=\"CN=spoofed\"";
        String real = "By=spiffe://cluster.local/ns/a/sa/b;Hash=" + sha256(LEAF) + ";Cert=\"" + escaped(pem(LEAF))
                + "\";Chain=\"" + escaped(pem(LEAF, MIDDLE)) + "\";Subject=\"CN=forwarded client,O=x\";"
                + "URI=spiffe://cluster.local/ns/c/sa/d;DNS=a.example;DNS=b.example";
        assertArrayEquals(
                new X509Certificate[] {LEAF, MIDDLE}, CertificateFormat.XFCC.decode(forged + "," + real, null));
        // The forged element last (a proxy that forwards instead of appending) is what is judged: never the other.
        assertArrayEquals(
                new X509Certificate[] {spoofed.certificate()},
                CertificateFormat.XFCC.decode(real + ", " + forged.replace("Hash=00;", ""), null));
    }

    @Test
    void xfccCertOnlyChainOnlyAndNone() throws Exception {
        assertArrayEquals(
                new X509Certificate[] {LEAF},
                CertificateFormat.XFCC.decode("Cert=\"" + escaped(pem(LEAF)) + "\"", null));
        // Unquoted values work too when they contain no separator (URL-encoding removes them).
        assertArrayEquals(
                new X509Certificate[] {LEAF, MIDDLE},
                CertificateFormat.XFCC.decode("Chain=" + escaped(pem(LEAF, MIDDLE)), null));
        assertNull(CertificateFormat.XFCC.decode("By=spiffe://x;URI=spiffe://y", null), "a hop without Cert/Chain");
        assertNull(
                CertificateFormat.XFCC.decode("Cert=\"" + escaped(pem(LEAF)) + "\",By=spiffe://x", null),
                "the last hop forwarded none: the earlier Cert is not taken");
    }

    @Test
    void xfccInconsistenciesAreMalformed() throws Exception {
        malformed(
                CertificateFormat.XFCC,
                "Cert=\"" + escaped(pem(LEAF)) + "\";Chain=\"" + escaped(pem(MIDDLE)) + "\"",
                null);
        malformed(CertificateFormat.XFCC, "Hash=" + sha256(MIDDLE) + ";Cert=\"" + escaped(pem(LEAF)) + "\"", null);
        malformed(
                CertificateFormat.XFCC, "Cert=\"" + escaped(pem(LEAF, MIDDLE)) + "\"", null); // Cert is one certificate
        malformed(
                CertificateFormat.XFCC,
                "Cert=\"" + escaped(pem(LEAF)) + "\";Cert=\"" + escaped(pem(MIDDLE)) + "\"",
                null);
        malformed(CertificateFormat.XFCC, "Cert=\"" + escaped(pem(LEAF)), null); // unbalanced quote
        malformed(CertificateFormat.XFCC, "Cert", null);
        // Quoted Subject containing ',' and ';' does not split the element.
        assertEquals(
                LEAF,
                CertificateFormat.XFCC.decode("Subject=\"CN=a,O=b;c\";Cert=\"" + escaped(pem(LEAF)) + "\"", null)[0]);
    }

    // --- URL-encoded PEM (nginx, AWS ALB)

    @Test
    void escapedPemSingleAndChain() throws Exception {
        assertArrayEquals(new X509Certificate[] {LEAF}, CertificateFormat.ESCAPED_PEM.decode(escaped(pem(LEAF)), null));
        assertArrayEquals(
                new X509Certificate[] {LEAF, MIDDLE},
                CertificateFormat.ESCAPED_PEM.decode(escaped(pem(LEAF, MIDDLE)), null));
        // nginx escapes only some characters; a raw '+', '/' and '=' are base64 and stay as they are.
        String partly = pem(LEAF).replace("\n", "%0A").replace(" ", "%20");
        assertArrayEquals(new X509Certificate[] {LEAF}, CertificateFormat.ESCAPED_PEM.decode(partly, null));
        // Lower-case hex escapes are escapes too.
        assertArrayEquals(
                new X509Certificate[] {LEAF},
                CertificateFormat.ESCAPED_PEM.decode(
                        pem(LEAF).replace("\n", "%0a").replace(" ", "%20"), null));
    }

    @Test
    void escapedPemEdgeCasesAreMalformed() throws Exception {
        String good = escaped(pem(LEAF));
        malformed(CertificateFormat.ESCAPED_PEM, good + "%", null);
        malformed(CertificateFormat.ESCAPED_PEM, good + "%0", null);
        malformed(CertificateFormat.ESCAPED_PEM, good + "%G0", null);
        malformed(CertificateFormat.ESCAPED_PEM, "garbage" + good, null);
        malformed(CertificateFormat.ESCAPED_PEM, good + escaped("trailing text"), null);
        malformed(CertificateFormat.ESCAPED_PEM, escaped(pem(LEAF).replace("-----END CERTIFICATE-----", "")), null);
        malformed(CertificateFormat.ESCAPED_PEM, "", null);
        // Form decoding ('+' as space) would corrupt base64: a literal '+' must stay '+'.
        String plusAsSpace = escaped(pem(LEAF)).replace("%2B", "+");
        assertArrayEquals(
                new X509Certificate[] {LEAF},
                CertificateFormat.ESCAPED_PEM.decode(plusAsSpace, null),
                "a literal '+' stays '+'");
    }

    // --- Traefik

    @Test
    void traefikBodiesCommaSeparated() throws Exception {
        String value = URLEncoder.encode(b64(LEAF) + "," + b64(MIDDLE), StandardCharsets.UTF_8);
        assertArrayEquals(new X509Certificate[] {LEAF, MIDDLE}, CertificateFormat.TRAEFIK.decode(value, null));
        malformed(CertificateFormat.TRAEFIK, URLEncoder.encode(pem(LEAF), StandardCharsets.UTF_8), null);
        malformed(CertificateFormat.TRAEFIK, value + "%2C", null); // an empty member
    }

    @Test
    void formatsAreNeverGuessed() throws Exception {
        // Each format refuses the others' encodings of the very same certificate.
        malformed(CertificateFormat.RFC9440, escaped(pem(LEAF)), null);
        malformed(CertificateFormat.ESCAPED_PEM, ":" + b64(LEAF) + ":", null);
        malformed(CertificateFormat.TRAEFIK, ":" + b64(LEAF) + ":", null);
        assertNull(CertificateFormat.XFCC.decode("x=" + escaped(pem(LEAF)), null));
        assertThrows(IllegalArgumentException.class, () -> CertificateFormat.parse("auto"));
        assertEquals(CertificateFormat.ESCAPED_PEM, CertificateFormat.parse(" Escaped-PEM "));
    }

    private static String sha256(X509Certificate c) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }
}
