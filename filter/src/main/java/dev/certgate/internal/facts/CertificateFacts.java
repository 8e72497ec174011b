package dev.certgate.internal.facts;

import dev.certgate.internal.rules.IpAddress;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * The {@code cf.tls_client_auth.*} string values of one presented certificate, in Cloudflare's
 * formats, each computed on first use and then kept (an instance lives as long as its chain is
 * cached, so a keep-alive client pays once). Thread-safe: values are immutable and a race only
 * computes the same value twice.
 */
public final class CertificateFacts {
    /** RFC 9440 limits Cloudflare applies: 10 KiB for the leaf, 16 KiB for the chain. */
    static final int RFC9440_LEAF_LIMIT = 10 * 1024;

    static final int RFC9440_CHAIN_LIMIT = 16 * 1024;

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();
    private static final HexFormat LOWER_HEX = HexFormat.of();
    /** OpenSSL's {@code ASN1_TIME_print}: the day is padded with a space. */
    private static final DateTimeFormatter OPENSSL_TIME = DateTimeFormatter.ofPattern(
                    "MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final X509Certificate leaf;
    private final X509Certificate issuer; // the direct issuer when known, else null
    private final List<X509Certificate> presentedChain;

    /** The formatted values by {@link Text}, each computed on first use. */
    private final AtomicReferenceArray<String> texts = new AtomicReferenceArray<>(Text.values().length);

    private volatile SubjectAltNames sans;

    /**
     * @param presentedChain the chain as the client sent it, leaf first
     * @param issuer         the leaf's direct issuer from a validated path, or null to take it from
     *                       the presented chain when its subject matches the leaf's issuer
     */
    public CertificateFacts(List<X509Certificate> presentedChain, X509Certificate issuer) {
        this.presentedChain = List.copyOf(presentedChain);
        this.leaf = this.presentedChain.get(0);
        if (issuer == null
                && this.presentedChain.size() > 1
                && this.presentedChain.get(1).getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            issuer = this.presentedChain.get(1);
        }
        this.issuer = issuer;
    }

    public X509Certificate leaf() {
        return leaf;
    }

    /** The string values, in Cloudflare's formats: how each is computed from the certificates. */
    private enum Text {
        SUBJECT_DN(f -> DistinguishedNames.rfc2253(f.leaf.getSubjectX500Principal())),
        ISSUER_DN(f -> DistinguishedNames.rfc2253(f.leaf.getIssuerX500Principal())),
        SUBJECT_DN_LEGACY(f -> DistinguishedNames.legacy(f.leaf.getSubjectX500Principal())),
        ISSUER_DN_LEGACY(f -> DistinguishedNames.legacy(f.leaf.getIssuerX500Principal())),
        SERIAL(f -> formatSerial(f.leaf.getSerialNumber())),
        ISSUER_SERIAL(CertificateFacts::formatIssuerSerial),
        FINGERPRINT_SHA256(f -> LOWER_HEX.formatHex(digest("SHA-256", encoded(f.leaf)))),
        FINGERPRINT_SHA1(f -> LOWER_HEX.formatHex(digest("SHA-1", encoded(f.leaf)))),
        NOT_BEFORE(f -> OPENSSL_TIME.format(f.leaf.getNotBefore().toInstant())),
        NOT_AFTER(f -> OPENSSL_TIME.format(f.leaf.getNotAfter().toInstant())),
        SKI(f -> subjectKeyIdentifier(f.leaf)),
        ISSUER_SKI(CertificateFacts::formatIssuerSki),
        RFC9440(f -> withinLimit(byteSequence(f.leaf), RFC9440_LEAF_LIMIT)),
        CHAIN_RFC9440(f -> withinLimit(f.fullChainRfc9440(), RFC9440_CHAIN_LIMIT));

        private final Function<CertificateFacts, String> compute;

        Text(Function<CertificateFacts, String> compute) {
            this.compute = compute;
        }
    }

    private String text(Text t) {
        String v = texts.get(t.ordinal());
        if (v == null) {
            v = t.compute.apply(this);
            texts.set(t.ordinal(), v);
        }
        return v;
    }

    public String subjectDn() {
        return text(Text.SUBJECT_DN);
    }

    public String issuerDn() {
        return text(Text.ISSUER_DN);
    }

    public String subjectDnLegacy() {
        return text(Text.SUBJECT_DN_LEGACY);
    }

    public String issuerDnLegacy() {
        return text(Text.ISSUER_DN_LEGACY);
    }

    /** Upper-case hex of the serial, whole bytes (even length), as OpenSSL prints it. */
    public String serial() {
        return text(Text.SERIAL);
    }

    /**
     * The serial of the direct issuer: from the issuer certificate when known, else from the
     * leaf's authority key identifier when it names one, else empty.
     */
    public String issuerSerial() {
        return text(Text.ISSUER_SERIAL);
    }

    public String fingerprintSha256() {
        return text(Text.FINGERPRINT_SHA256);
    }

    public String fingerprintSha1() {
        return text(Text.FINGERPRINT_SHA1);
    }

    public String notBefore() {
        return text(Text.NOT_BEFORE);
    }

    public String notAfter() {
        return text(Text.NOT_AFTER);
    }

    /** The leaf's Subject Key Identifier extension, upper-case hex; empty when absent. */
    public String ski() {
        return text(Text.SKI);
    }

    /**
     * The issuer's key identifier, upper-case hex: the leaf's authority key identifier (what
     * Cloudflare's docs read with openssl), else the issuer certificate's SKI; empty when unknown.
     */
    public String issuerSki() {
        return text(Text.ISSUER_SKI);
    }

    /** RFC 9440 {@code Client-Cert} value ({@code :base64:}), or empty when over 10 KiB. */
    public String rfc9440() {
        return text(Text.RFC9440);
    }

    /** The leaf is always there, so an empty value means it was too large. */
    public boolean rfc9440TooLarge() {
        return rfc9440().isEmpty();
    }

    /** RFC 9440 {@code Client-Cert-Chain}: the chain without the leaf, as sent; empty when over 16 KiB. */
    public String chainRfc9440() {
        return text(Text.CHAIN_RFC9440);
    }

    /** Empty with certificates beyond the leaf means the chain was too large. */
    public boolean chainRfc9440TooLarge() {
        return presentedChain.size() > 1 && chainRfc9440().isEmpty();
    }

    public SubjectAltNames subjectAltNames() {
        SubjectAltNames v = sans;
        if (v == null) {
            sans = v = SubjectAltNames.of(leaf);
        }
        return v;
    }

    private String formatIssuerSerial() {
        if (issuer != null) {
            return formatSerial(issuer.getSerialNumber());
        }
        AuthorityKeyIdentifier aki = authorityKeyIdentifier(leaf);
        return aki != null && aki.getAuthorityCertSerialNumber() != null
                ? formatSerial(aki.getAuthorityCertSerialNumber())
                : "";
    }

    private String formatIssuerSki() {
        AuthorityKeyIdentifier aki = authorityKeyIdentifier(leaf);
        if (aki != null && aki.getKeyIdentifierObject() != null) {
            return UPPER_HEX.formatHex(aki.getKeyIdentifierObject().getOctets());
        }
        return issuer != null ? subjectKeyIdentifier(issuer) : "";
    }

    /** RFC 9440's limits: a value over the limit is left out (empty), as Cloudflare does. */
    private static String withinLimit(String value, int limit) {
        return value.length() > limit ? "" : value;
    }

    private String fullChainRfc9440() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < presentedChain.size(); i++) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(byteSequence(presentedChain.get(i)));
        }
        return sb.toString();
    }

    static String formatSerial(BigInteger serial) {
        String sign = serial.signum() < 0 ? "-" : "";
        String hex = serial.abs().toString(16).toUpperCase(Locale.ROOT);
        return sign + (hex.length() % 2 == 1 ? "0" + hex : hex);
    }

    private static String byteSequence(X509Certificate cert) {
        return ":" + Base64.getEncoder().encodeToString(encoded(cert)) + ":";
    }

    private static String subjectKeyIdentifier(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext == null) {
            return "";
        }
        try {
            SubjectKeyIdentifier ski = SubjectKeyIdentifier.getInstance(
                    ASN1OctetString.getInstance(ext).getOctets());
            return UPPER_HEX.formatHex(ski.getKeyIdentifier());
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (ext == null) {
            return null;
        }
        try {
            return AuthorityKeyIdentifier.getInstance(
                    ASN1OctetString.getInstance(ext).getOctets());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            return new byte[0];
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by the Java platform", e);
        }
    }

    /** The subject alternative names of a certificate, by kind, in certificate order. */
    public record SubjectAltNames(List<String> dns, List<String> uri, List<String> email, List<String> ip) {
        static final SubjectAltNames NONE = new SubjectAltNames(List.of(), List.of(), List.of(), List.of());

        static SubjectAltNames of(X509Certificate cert) {
            Collection<List<?>> names;
            try {
                names = cert.getSubjectAlternativeNames();
            } catch (CertificateParsingException | RuntimeException e) {
                return NONE;
            }
            if (names == null) {
                return NONE;
            }
            List<String> dns = new ArrayList<>();
            List<String> uri = new ArrayList<>();
            List<String> email = new ArrayList<>();
            List<String> ip = new ArrayList<>();
            for (List<?> name : names) {
                if (name.size() < 2
                        || !(name.get(0) instanceof Integer type)
                        || !(name.get(1) instanceof String value)) {
                    continue;
                }
                switch (type) {
                    case 1 -> email.add(value);
                    case 2 -> dns.add(value);
                    case 6 -> uri.add(value);
                    case 7 -> ip.add(canonicalIp(value));
                    default -> {}
                }
            }
            return new SubjectAltNames(List.copyOf(dns), List.copyOf(uri), List.copyOf(email), List.copyOf(ip));
        }

        /** IPv4 dotted quad, IPv6 in RFC 5952 form (lower case, longest zero run compressed). */
        static String canonicalIp(String text) {
            if (text.indexOf(':') < 0) {
                return text;
            }
            try {
                byte[] b = InetAddress.getByName(text).getAddress();
                if (b.length != 16) {
                    return text;
                }
                return IpAddress.fromOctets(b).toString();
            } catch (UnknownHostException e) {
                return text;
            }
        }
    }
}
