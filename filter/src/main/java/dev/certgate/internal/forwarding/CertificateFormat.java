package dev.certgate.internal.forwarding;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a proxy writes the client certificate into a header. Chosen explicitly per host group and
 * never guessed from the header: a value that does not parse in the configured format is
 * malformed, whatever another format would make of it.
 */
public enum CertificateFormat implements ConfigChoice {
    /**
     * RFC 9440: {@code Client-Cert: :<base64 DER>:} (an RFC 8941 byte sequence) and
     * {@code Client-Cert-Chain: :<b64>:, :<b64>:} (a list, leaf not repeated). HAProxy
     * ({@code %[ssl_c_der,base64]}), Cloudflare transform rules.
     */
    RFC9440("Client-Cert", "Client-Cert-Chain") {
        @Override
        X509Certificate[] decode(String value, String chainValue) throws MalformedCertificateHeader {
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(Certificates.der(ByteSequences.item(value)));
            if (chainValue != null) {
                for (byte[] der : ByteSequences.list(chainValue)) {
                    chain.add(Certificates.der(der));
                }
            }
            return chain.toArray(X509Certificate[]::new);
        }
    },
    /**
     * Envoy's {@code x-forwarded-client-cert}: only the last element, the one the nearest (trusted)
     * hop appended; its {@code Cert=} (URL-encoded PEM leaf) and/or {@code Chain=} (URL-encoded PEM
     * chain, leaf first). {@code Hash=}, when present, must be the leaf's SHA-256.
     */
    XFCC("X-Forwarded-Client-Cert", null) {
        @Override
        X509Certificate[] decode(String value, String chainValue) throws MalformedCertificateHeader {
            List<String> elements = ForwardedHeader.split(value, ',');
            Map<String, String> last = xfccPairs(elements.get(elements.size() - 1));
            String cert = last.get("cert");
            String chain = last.get("chain");
            if (cert == null && chain == null) {
                return null; // the hop forwarded no certificate (e.g. the client sent none)
            }
            X509Certificate leaf = cert == null ? null : single(Certificates.pem(PercentDecoding.decode(cert)), "Cert");
            List<X509Certificate> all = chain == null ? List.of(leaf) : Certificates.pem(PercentDecoding.decode(chain));
            if (leaf != null && !leaf.equals(all.get(0))) {
                throw new MalformedCertificateHeader("Cert= is not the first certificate of Chain=");
            }
            String hash = last.get("hash");
            if (hash != null && !hash.equalsIgnoreCase(sha256(all.get(0)))) {
                throw new MalformedCertificateHeader("Hash= is not the SHA-256 of the certificate");
            }
            return all.toArray(X509Certificate[]::new);
        }
    },
    /**
     * URL-encoded PEM, one certificate or a chain (leaf first): nginx {@code $ssl_client_escaped_cert},
     * AWS ALB {@code X-Amzn-Mtls-Clientcert}. No default header name: the operator says which.
     */
    ESCAPED_PEM(null, null) {
        @Override
        X509Certificate[] decode(String value, String chainValue) throws MalformedCertificateHeader {
            return Certificates.pem(PercentDecoding.decode(value.strip())).toArray(X509Certificate[]::new);
        }
    },
    /**
     * Traefik's {@code X-Forwarded-Tls-Client-Cert} (PassTLSClientCert {@code pem: true}): the
     * base64 bodies of the PEM blocks without their BEGIN/END lines, comma-separated, leaf first,
     * the whole URL-escaped.
     */
    TRAEFIK("X-Forwarded-Tls-Client-Cert", null) {
        @Override
        X509Certificate[] decode(String value, String chainValue) throws MalformedCertificateHeader {
            List<X509Certificate> chain = new ArrayList<>();
            for (String body : PercentDecoding.decode(value.strip()).split(",", -1)) {
                chain.add(Certificates.base64(body.strip().replace("\n", "").replace("\r", "")));
            }
            return chain.toArray(X509Certificate[]::new);
        }
    };

    private final String defaultHeader;
    private final String defaultChainHeader;

    CertificateFormat(String defaultHeader, String defaultChainHeader) {
        this.defaultHeader = defaultHeader;
        this.defaultChainHeader = defaultChainHeader;
    }

    /**
     * The chain leaf first, or null when the header says explicitly that there is no certificate.
     *
     * @param value      the certificate header's field lines joined by ", "
     * @param chainValue the chain header's (RFC 9440 only), or null when absent
     */
    abstract X509Certificate[] decode(String value, String chainValue) throws MalformedCertificateHeader;

    /** The usual header name, or null where there is none to assume (escaped PEM). */
    public String defaultHeader() {
        return defaultHeader;
    }

    /** The chain header of RFC 9440; null for the formats that carry the chain in one header. */
    public String defaultChainHeader() {
        return defaultChainHeader;
    }

    /** A format; {@code none} is the caller's to handle (no forwarded certificates). */
    public static CertificateFormat parse(String value) {
        return ConfigChoice.parse(values(), value, "none");
    }

    private static Map<String, String> xfccPairs(String element) throws MalformedCertificateHeader {
        java.util.LinkedHashMap<String, String> pairs = new java.util.LinkedHashMap<>();
        for (String pair : ForwardedHeader.split(element, ';')) {
            String p = pair.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new MalformedCertificateHeader("'" + abbreviate(p) + "' is not a Key=Value pair");
            }
            String value = ForwardedHeader.unquote(p.substring(eq + 1).strip());
            if (value == null) {
                throw new MalformedCertificateHeader("an unbalanced quote in the last element");
            }
            String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            // URI and DNS may repeat (one per SAN); a second Cert, Chain or Hash would be ambiguous.
            if (pairs.containsKey(key) && (key.equals("cert") || key.equals("chain") || key.equals("hash"))) {
                throw new MalformedCertificateHeader(key + "= appears twice in the last element");
            }
            pairs.putIfAbsent(key, value);
        }
        return pairs;
    }

    private static X509Certificate single(List<X509Certificate> certs, String key) throws MalformedCertificateHeader {
        if (certs.size() != 1) {
            throw new MalformedCertificateHeader(key + "= holds " + certs.size() + " certificates, expected one");
        }
        return certs.get(0);
    }

    private static String sha256(X509Certificate c) throws MalformedCertificateHeader {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new MalformedCertificateHeader("cannot hash the certificate: " + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
