package dev.certgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.certgate.internal.revocation.RevocationPolicy;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.trust.ChainVerifier;
import dev.certgate.internal.trust.TrustAnchors;
import dev.certgate.internal.trust.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every certificate field of the scheme against certificates made by the openssl binary
 * (src/test/resources/openssl, see make-certificates.sh): each value must be what openssl itself
 * prints for that certificate ({@code NAME.openssl.txt}, written by print-expected.sh; the
 * {@code openssl} profile checks those files against a live openssl). A certificate field without
 * a check here fails {@link #everyCertificateFieldHasAnOpenSslCheck}.
 */
class FieldValuesTest {
    private static final String DIR = "/openssl/";
    private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

    /** How each field's expected value is read from openssl's output for a certificate. */
    private static final Map<Field, Function<Printed, Object>> EXPECTED = new EnumMap<>(Field.class);

    static {
        EXPECTED.put(Field.CERT_PRESENTED, p -> true);
        EXPECTED.put(Field.CERT_SUBJECT_DN, p -> p.line("subject"));
        EXPECTED.put(Field.CERT_SUBJECT_DN_RFC2253, p -> p.line("subject"));
        EXPECTED.put(Field.CERT_ISSUER_DN, p -> p.line("issuer"));
        EXPECTED.put(Field.CERT_ISSUER_DN_RFC2253, p -> p.line("issuer"));
        EXPECTED.put(Field.CERT_SUBJECT_DN_LEGACY, p -> p.line("legacy-subject"));
        EXPECTED.put(Field.CERT_ISSUER_DN_LEGACY, p -> p.line("legacy-issuer"));
        EXPECTED.put(Field.CERT_SERIAL, p -> p.line("serial"));
        EXPECTED.put(Field.CERT_ISSUER_SERIAL, p -> p.line("issuer-serial"));
        EXPECTED.put(
                Field.CERT_FINGERPRINT_SHA256,
                p -> hex(p.line("sha256 Fingerprint")).toLowerCase(Locale.ROOT));
        EXPECTED.put(
                Field.CERT_FINGERPRINT_SHA1,
                p -> hex(p.line("sha1 Fingerprint")).toLowerCase(Locale.ROOT));
        EXPECTED.put(Field.CERT_NOT_BEFORE, p -> p.line("notBefore"));
        EXPECTED.put(Field.CERT_NOT_AFTER, p -> p.line("notAfter"));
        EXPECTED.put(Field.CERT_SKI, p -> hex(p.block("X509v3 Subject Key Identifier:")));
        // Cloudflare's docs read the issuer SKI with -ext authorityKeyIdentifier; without one, the issuer's own SKI.
        EXPECTED.put(Field.CERT_ISSUER_SKI, p -> {
            String aki = p.block("X509v3 Authority Key Identifier:");
            return hex(
                    aki.isEmpty()
                            ? p.block("issuer-X509v3 Subject Key Identifier:").replace("issuer-", "")
                            : aki);
        });
        EXPECTED.put(Field.CERT_RFC9440, p -> ":" + p.line("der-base64") + ":");
        EXPECTED.put(Field.CERT_RFC9440_TOO_LARGE, p -> p.line("der-base64").length() + 2 > 10 * 1024);
        EXPECTED.put(
                Field.CERT_CHAIN_RFC9440,
                p -> p.line("chain-der-base64").isEmpty() ? "" : ":" + p.line("chain-der-base64") + ":");
        EXPECTED.put(
                Field.CERT_CHAIN_RFC9440_TOO_LARGE,
                p -> p.line("chain-der-base64").length() + 2 > 16 * 1024);
        EXPECTED.put(Field.CERTGATE_SAN_DNS, p -> p.sans("DNS:"));
        EXPECTED.put(Field.CERTGATE_SAN_URI, p -> p.sans("URI:"));
        EXPECTED.put(Field.CERTGATE_SAN_EMAIL, p -> p.sans("email:"));
        EXPECTED.put(Field.CERTGATE_SAN_IP, p -> p.sans("IP Address:"));
        // Trust: what `openssl verify -CAfile root.pem [-untrusted intermediate.pem]` says.
        EXPECTED.put(Field.CERT_VERIFIED, p -> p.line("verify").endsWith(": OK"));
        // openssl's reason; certgate may add a detail after a colon ("unsuitable certificate purpose: key usage …").
        EXPECTED.put(
                Field.CERTGATE_VERIFY_ERROR,
                p -> p.line("verify").endsWith(": OK")
                        ? ""
                        : p.line("verify").replaceFirst("^error [0-9]+ at [0-9]+ depth lookup: ", ""));
    }

    /** What of certgate's value is compared: all of it, but for verify_error the reason before any detail. */
    private static Object compared(Field f, Object value) {
        return f == Field.CERTGATE_VERIFY_ERROR ? ((String) value).replaceFirst(": .*", "") : value;
    }

    /**
     * Revocation fields are answers of certgate's CRL and OCSP checkers, not something openssl
     * prints for a certificate: their values are proven against real CRLs and a real OCSP
     * responder in CrlPolicyTest, OcspPolicyTest and ClientCertificateResolverTest.
     */
    private static final Set<Field> NOT_PRINTED_BY_OPENSSL = EnumSet.copyOf(Field.of(Field.Source.REVOCATION));

    @Test
    void everyCertificateFieldHasAnOpenSslCheck() {
        Set<Field> missing = EnumSet.noneOf(Field.class);
        for (Field f : Field.values()) {
            if (f.certificateField() && !EXPECTED.containsKey(f) && !NOT_PRINTED_BY_OPENSSL.contains(f)) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            fail("certificate fields without a check against openssl's output: " + missing);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-leaf", "ec-leaf", "no-key-ids-leaf", "intermediate"})
    void everyFieldIsWhatOpenSslPrints(String name) throws Exception {
        Printed printed = Printed.read(name);
        List<X509Certificate> chain = new ArrayList<>(certificates(name + ".pem"));
        String sent = printed.line("chain-der-base64");
        if (!sent.isEmpty()) {
            chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(
                            java.util.Base64.getDecoder().decode(sent))));
        }
        X509Certificate root = certificates("root.pem").get(0);
        TrustAnchors anchors = TrustAnchors.of(List.of(root), "root.pem");
        Verification v = new ChainVerifier(anchors).verify(chain.toArray(new X509Certificate[0]), List.of(), AT);
        X509Certificate issuer = v.path().size() > 1 ? v.path().get(1) : null;
        ClientCertificate cert =
                new ClientCertificate(new CertificateFacts(chain, issuer), v, RevocationPolicy.none(), AT);
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Map.Entry<Field, Function<Printed, Object>> e : EXPECTED.entrySet()) {
            Object expected = e.getValue().apply(printed);
            Object actual = compared(e.getKey(), cert.value(e.getKey()));
            if (!expected.equals(actual)) {
                wrong.put(e.getKey().fieldName(), "certgate " + actual + " but openssl " + expected);
            }
        }
        assertEquals(Map.of(), wrong, name);
    }

    @Test
    void theCasesCoverWhatTheIssueAsksFor() throws Exception {
        // A multi-valued RDN, escaped and non-ASCII DN characters, a serial with a leading zero
        // byte in DER, RSA and EC keys, a chain, a certificate without key identifiers.
        assertEquals(
                "CN=James Royal,OU=Access Admins+O=Access,L=Austin,ST=Texas,C=US",
                Printed.read("rsa-leaf").line("subject"));
        byte[] serial = certificates("rsa-leaf.pem").get(0).getSerialNumber().toByteArray();
        assertEquals(0, serial[0], "the serial's DER starts with a zero byte");
        assertEquals("RSA", certificates("rsa-leaf.pem").get(0).getPublicKey().getAlgorithm());
        assertEquals("EC", certificates("ec-leaf.pem").get(0).getPublicKey().getAlgorithm());
        String ec = Printed.read("ec-leaf").line("subject");
        for (String escaped : List.of("\\#", "\\C3\\A9", "\\\\", "\\+", "\\<", "\\>", "\\;", "\\\"", "\\,")) {
            assertEquals(true, ec.contains(escaped), escaped + " in " + ec);
        }
        assertEquals(2, certificates("ec-chain.pem").size());
        assertEquals("", Printed.read("no-key-ids-leaf").block("X509v3 Subject Key Identifier:"));
    }

    private static List<X509Certificate> certificates(String resource) throws IOException, CertificateException {
        try (InputStream in = FieldValuesTest.class.getResourceAsStream(DIR + resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + DIR + resource);
            }
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            return out;
        }
    }

    private static String hex(String colonHex) {
        return colonHex.replace(":", "").strip();
    }

    /** What print-expected.sh recorded for one certificate. */
    record Printed(List<String> lines) {
        static Printed read(String name) throws IOException {
            try (InputStream in = FieldValuesTest.class.getResourceAsStream(DIR + name + ".openssl.txt")) {
                if (in == null) {
                    throw new IOException("missing " + DIR + name + ".openssl.txt: run print-expected.sh");
                }
                return new Printed(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
            }
        }

        /** The value of a {@code key=value} line; empty when there is none. */
        String line(String key) {
            for (String l : lines) {
                if (l.startsWith(key + "=")) {
                    return l.substring(key.length() + 1).strip();
                }
            }
            return "";
        }

        /** The line after an extension heading; empty when the extension is absent. */
        String block(String heading) {
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).strip().equals(heading)) {
                    return lines.get(i + 1).strip();
                }
            }
            return "";
        }

        /** The SANs of one kind, in order; IPv6 addresses in RFC 5952 form (openssl prints them in full). */
        List<String> sans(String prefix) throws RuntimeException {
            List<String> out = new ArrayList<>();
            for (String item : block("X509v3 Subject Alternative Name:").split(", ")) {
                if (item.startsWith(prefix)) {
                    String v = item.substring(prefix.length());
                    out.add(prefix.startsWith("IP") && v.contains(":") ? rfc5952(v) : v);
                }
            }
            return out;
        }

        private static String rfc5952(String ipv6) {
            try {
                String full = InetAddress.getByName(ipv6).getHostAddress(); // 2001:db8:0:0:0:0:0:1
                return full.replaceFirst("(^|:)(0(:|$)){2,}", "::").replaceFirst(":::", "::");
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
