package dev.certgate.internal.revocation.crl;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The header of a DER CRL, read without touching the entries: where the TBS bytes are (for the
 * signature check over the raw slice), the signature, issuer, times and extensions. Holds the
 * DER until the CRL is verified and indexed.
 */
record ParsedCrl(
        byte[] der,
        int tbsStart,
        int tbsEnd,
        AlgorithmIdentifier signatureAlgorithm,
        byte[] signature,
        X500Principal issuer,
        Instant thisUpdate,
        Instant nextUpdate,
        int entriesStart,
        int entriesEnd,
        CrlExtensions extensions) {

    /** Parses a DER CRL (a PEM one is decoded first). */
    static ParsedCrl parse(byte[] input) throws CrlException {
        try {
            byte[] der = Pem.isPem(input) ? Pem.decode(input, "X509 CRL") : input;
            return parseDer(der);
        } catch (Der.DerException | IllegalArgumentException e) {
            throw new CrlException("malformed CRL: " + e.getMessage(), e);
        }
    }

    private static ParsedCrl parseDer(byte[] b) throws CrlException {
        Der.Tlv t = new Der.Tlv();
        if (Der.expect(b, 0, b.length, Der.SEQUENCE, t, "CertificateList") != b.length) {
            throw new CrlException("malformed CRL: trailing bytes after the CertificateList");
        }
        int outerEnd = t.end;
        int tbsEnd = Der.expect(b, t.contentStart, outerEnd, Der.SEQUENCE, t, "tbsCertList");
        int tbsStart = t.start;
        int tbsContentStart = t.contentStart;
        int p = Der.expect(b, tbsEnd, outerEnd, Der.SEQUENCE, t, "signatureAlgorithm");
        byte[] outerAlgorithm = Arrays.copyOfRange(b, t.start, t.end);
        p = Der.expect(b, p, outerEnd, Der.BIT_STRING, t, "signatureValue");
        if (p != outerEnd || t.contentLength() < 1 || b[t.contentStart] != 0) {
            throw new CrlException("malformed CRL: bad signature value");
        }
        byte[] signature = Arrays.copyOfRange(b, t.contentStart + 1, t.end);

        p = tbsContentStart;
        Der.read(b, p, tbsEnd, t);
        if (t.tag == Der.INTEGER) {
            if (t.contentLength() != 1 || b[t.contentStart] != 1) {
                throw new CrlException("unsupported CRL version");
            }
            p = t.end;
        }
        p = Der.expect(b, p, tbsEnd, Der.SEQUENCE, t, "signature");
        if (!Arrays.equals(b, t.start, t.end, outerAlgorithm, 0, outerAlgorithm.length)) {
            throw new CrlException("signature algorithm inside the CRL differs from the outer one");
        }
        p = Der.expect(b, p, tbsEnd, Der.SEQUENCE, t, "issuer");
        X500Principal issuer = new X500Principal(Arrays.copyOfRange(b, t.start, t.end));
        p = Der.read(b, p, tbsEnd, t);
        if (!Der.isTime(t.tag)) {
            throw new CrlException("malformed CRL: thisUpdate missing");
        }
        Instant thisUpdate = Instant.ofEpochSecond(Der.time(b, t));
        Instant nextUpdate = null;
        int entriesStart = p;
        int entriesEnd = p;
        CrlExtensions extensions = CrlExtensions.NONE;
        if (p < tbsEnd) {
            Der.read(b, p, tbsEnd, t);
            if (Der.isTime(t.tag)) {
                nextUpdate = Instant.ofEpochSecond(Der.time(b, t));
                p = t.end;
            }
        }
        if (p < tbsEnd) {
            Der.read(b, p, tbsEnd, t);
            if (t.tag == Der.SEQUENCE) {
                entriesStart = t.contentStart;
                entriesEnd = t.end;
                p = t.end;
            }
        }
        if (p < tbsEnd) {
            p = Der.expect(b, p, tbsEnd, Der.CONTEXT_0, t, "crlExtensions");
            extensions = CrlExtensions.parse(Arrays.copyOfRange(b, t.contentStart, t.end));
        }
        if (p != tbsEnd) {
            throw new CrlException("malformed CRL: unexpected data at the end of tbsCertList");
        }
        AlgorithmIdentifier algorithm;
        try {
            algorithm = AlgorithmIdentifier.getInstance(ASN1Primitive.fromByteArray(outerAlgorithm));
        } catch (IOException e) {
            throw new CrlException("malformed CRL signature algorithm", e);
        }
        return new ParsedCrl(
                b,
                tbsStart,
                tbsEnd,
                algorithm,
                signature,
                issuer,
                thisUpdate,
                nextUpdate,
                entriesStart,
                entriesEnd,
                extensions);
    }
}
