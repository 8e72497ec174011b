package dev.certgate.bench.revocation;

import dev.certgate.testing.TestCa;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * A synthetic CRL of n entries as a CA would publish it: RSA-2048/SHA-256, 16-byte random
 * serials, each entry with a keyCompromise reason (≈ 49 bytes per entry, 49 MB at 1M), written as
 * DER directly (BC's builder is too slow at this size), plus an issuer certificate, a revoked and
 * a good leaf certificate.
 */
final class LargeCrl {

    final byte[] der;
    final X509Certificate issuer;
    final X509Certificate revokedLeaf;
    final X509Certificate goodLeaf;
    final BigInteger revokedSerial;
    /** Every entry's serial as two big-endian words (high, low), in CRL order: for baselines and samples. */
    final long[] serialWords;

    private LargeCrl(
            byte[] der,
            X509Certificate issuer,
            X509Certificate revokedLeaf,
            X509Certificate goodLeaf,
            BigInteger revokedSerial,
            long[] serialWords) {
        this.der = der;
        this.issuer = issuer;
        this.revokedLeaf = revokedLeaf;
        this.goodLeaf = goodLeaf;
        this.revokedSerial = revokedSerial;
        this.serialWords = serialWords;
    }

    BigInteger serial(int entry) {
        return new BigInteger(
                1,
                java.nio.ByteBuffer.allocate(16)
                        .putLong(serialWords[2 * entry])
                        .putLong(serialWords[2 * entry + 1])
                        .array());
    }

    /** n serials drawn at random from the CRL. */
    BigInteger[] revokedSample(int n, Random random) {
        BigInteger[] out = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            out[i] = serial(random.nextInt(serialWords.length / 2));
        }
        return out;
    }

    /** n serials shaped like the CRL's (16 octets, positive) but not on it (2^-80 odds otherwise). */
    static BigInteger[] goodSample(int n, Random random) {
        BigInteger[] out = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            out[i] = new BigInteger(1, randomBytes(random, 16));
        }
        return out;
    }

    /**
     * A copy of the good leaf with another 16-octet serial patched in. Its signature no longer
     * verifies, which check() never looks at: it only saves an RSA signature per certificate.
     */
    X509Certificate leafWithSerial(BigInteger serial) throws Exception {
        byte[] template = templateLeaf.getEncoded();
        byte[] from = TEMPLATE_SERIAL.toByteArray();
        byte[] to = serial.toByteArray();
        if (to.length != from.length) {
            throw new IllegalArgumentException("serial must be 16 octets");
        }
        int at = indexOf(template, from);
        byte[] patched = template.clone();
        System.arraycopy(to, 0, patched, at, to.length);
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(patched));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        throw new IllegalStateException("template serial not found");
    }

    private static final BigInteger TEMPLATE_SERIAL = new BigInteger("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", 16);
    private X509Certificate templateLeaf;

    static final Instant NOW = Instant.now();
    private static final byte[] SHA256_WITH_RSA = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00
    };
    private static final byte[] REASON_KEY_COMPROMISE = {
        0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01, 0x01
    };

    static LargeCrl generate(int entries) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair caKeys = generator.generateKeyPair();
        X500Name caName = new X500Name("CN=Bench CA,O=certgate");
        TestCa ca = TestCa.selfSigned(caName, NOW)
                .keys(caKeys)
                .serial(BigInteger.ONE)
                .issueCa();
        X509Certificate issuer = ca.certificate();
        Random random = new Random(7);
        BigInteger revokedSerial = null;
        byte[] date = tlv(0x17, utc(NOW.minusSeconds(7200)));
        ByteArrayOutputStream list = new ByteArrayOutputStream(entries * 50);
        long[] words = new long[2 * entries];
        for (int i = 0; i < entries; i++) {
            byte[] raw = randomBytes(random, 16);
            java.nio.ByteBuffer.wrap(raw).asLongBuffer().get(words, 2 * i, 2);
            BigInteger serial = new BigInteger(1, raw);
            if (i == entries / 2) {
                revokedSerial = serial;
            }
            byte[] entry = concat(tlv(0x02, serial.toByteArray()), date, REASON_KEY_COMPROMISE);
            list.write(tlv(0x30, entry));
        }
        byte[] crlNumber = tlv(
                0xa0,
                tlv(0x30, tlv(0x30, concat(tlv(0x06, new byte[] {0x55, 0x1d, 0x14}), tlv(0x04, tlv(0x02, new byte[] {1
                }))))));
        byte[] tbs = tlv(
                0x30,
                concat(
                        tlv(0x02, new byte[] {1}),
                        SHA256_WITH_RSA,
                        caName.getEncoded("DER"),
                        tlv(0x17, utc(NOW.minusSeconds(3600))),
                        tlv(0x17, utc(NOW.plusSeconds(86400 * 7))),
                        tlv(0x30, list.toByteArray()),
                        crlNumber));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(caKeys.getPrivate());
        signature.update(tbs);
        byte[] sig = signature.sign();
        byte[] bits = new byte[sig.length + 1];
        System.arraycopy(sig, 0, bits, 1, sig.length);
        byte[] der = tlv(0x30, concat(tbs, SHA256_WITH_RSA, tlv(0x03, bits)));
        KeyPair leafKeys = generator.generateKeyPair();
        X509Certificate revokedLeaf = leaf(ca, "CN=revoked", revokedSerial, leafKeys);
        X509Certificate goodLeaf = leaf(ca, "CN=good", BigInteger.valueOf(42), leafKeys);
        LargeCrl out = new LargeCrl(der, issuer, revokedLeaf, goodLeaf, revokedSerial, words);
        out.templateLeaf = leaf(ca, "CN=good", TEMPLATE_SERIAL, leafKeys);
        return out;
    }

    /** A client certificate of the test PKI under the bench CA, with the given serial and key. */
    private static X509Certificate leaf(TestCa ca, String dn, BigInteger serial, KeyPair keys) {
        return ca.leaf(dn).serial(serial).keys(keys).issue().certificate();
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        b[0] |= 0x40; // full 16 octets, positive
        b[0] &= 0x7f;
        return b;
    }

    private static byte[] utc(Instant t) {
        return DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(t)
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] tlv(int tag, byte[] content) {
        int n = content.length;
        byte[] header;
        if (n < 0x80) {
            header = new byte[] {(byte) tag, (byte) n};
        } else if (n < 0x100) {
            header = new byte[] {(byte) tag, (byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            header = new byte[] {(byte) tag, (byte) 0x82, (byte) (n >> 8), (byte) n};
        } else if (n < 0x1000000) {
            header = new byte[] {(byte) tag, (byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        } else {
            header =
                    new byte[] {(byte) tag, (byte) 0x84, (byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        return concat(header, content);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
