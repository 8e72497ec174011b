package dev.certgate.internal.revocation.crl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Streams the revokedCertificates of a parsed CRL into a {@link CrlIndex}: one pass to size the
 * arrays, one to fill them, then a counting sort of the rows by bucket (linear, stable: equal
 * serials keep their CRL order). No per-entry objects.
 */
final class CrlIndexBuilder {

    // Content octets of the entry extension OIDs we read (RFC 5280 §5.3).
    private static final byte[] REASON_CODE = {0x55, 0x1d, 0x15};
    private static final byte[] INVALIDITY_DATE = {0x55, 0x1d, 0x18};
    private static final byte[] CERTIFICATE_ISSUER = {0x55, 0x1d, 0x1d};

    private CrlIndexBuilder() {}

    static CrlIndex build(ParsedCrl crl) throws CrlException {
        try {
            return buildUnchecked(crl);
        } catch (Der.DerException | IllegalArgumentException e) {
            throw new CrlException("malformed CRL entry: " + e.getMessage(), e);
        }
    }

    private static CrlIndex buildUnchecked(ParsedCrl crl) throws CrlException {
        byte[] b = crl.der();
        Der.Tlv entry = new Der.Tlv();
        Der.Tlv t = new Der.Tlv();
        int count = 0;
        int maxSerialLength = 1;
        for (int p = crl.entriesStart(); p < crl.entriesEnd(); count++) {
            p = Der.expect(b, p, crl.entriesEnd(), Der.SEQUENCE, entry, "revoked certificate");
            Der.expect(b, entry.contentStart, entry.end, Der.INTEGER, t, "userCertificate");
            if (t.contentLength() == 0) {
                throw new CrlException("malformed CRL entry: empty serial number");
            }
            maxSerialLength = Math.max(maxSerialLength, t.contentLength());
        }
        int width = maxSerialLength;
        byte[] serials = new byte[CrlIndex.PAD + count * width];
        byte[] reasons = new byte[count];
        int[] dates = new int[count];
        boolean indirect = crl.extensions().indirect();
        int[] issuerIds = indirect ? new int[count] : null;
        List<X500Principal> issuers = new ArrayList<>();
        issuers.add(crl.issuer());
        int currentIssuer = 0;

        int row = 0;
        for (int p = crl.entriesStart(); p < crl.entriesEnd(); row++) {
            p = Der.expect(b, p, crl.entriesEnd(), Der.SEQUENCE, entry, "revoked certificate");
            int q = Der.expect(b, entry.contentStart, entry.end, Der.INTEGER, t, "userCertificate");
            writeRow(b, t.contentStart, t.end, serials, CrlIndex.PAD + row * width, width);
            q = Der.read(b, q, entry.end, t);
            if (!Der.isTime(t.tag)) {
                throw new CrlException("malformed CRL entry: revocationDate missing");
            }
            long seconds = Der.time(b, t);
            dates[row] = (int) Math.max(0, Math.min(seconds, 0xffff_ffffL));
            reasons[row] = CrlIndex.NO_REASON;
            if (q < entry.end) {
                Der.Tlv extensions = new Der.Tlv();
                Der.expect(b, q, entry.end, Der.SEQUENCE, extensions, "crlEntryExtensions");
                int e = extensions.contentStart;
                while (e < extensions.end) {
                    Der.Tlv extension = new Der.Tlv();
                    e = Der.expect(b, e, extensions.end, Der.SEQUENCE, extension, "entry extension");
                    Der.Tlv oid = new Der.Tlv();
                    int r = Der.expect(b, extension.contentStart, extension.end, Der.OID, oid, "extension id");
                    Der.read(b, r, extension.end, t);
                    boolean critical = false;
                    if (t.tag == Der.BOOLEAN) {
                        critical = t.contentLength() == 1 && b[t.contentStart] != 0;
                        r = t.end;
                    }
                    Der.Tlv value = new Der.Tlv();
                    Der.expect(b, r, extension.end, Der.OCTET_STRING, value, "extension value");
                    if (Der.contentEquals(b, oid, REASON_CODE)) {
                        Der.expect(b, value.contentStart, value.end, Der.ENUMERATED, t, "reasonCode");
                        if (t.contentLength() != 1 || b[t.contentStart] < 0 || b[t.contentStart] > 10) {
                            throw new CrlException("malformed CRL entry: bad reasonCode");
                        }
                        reasons[row] = b[t.contentStart];
                    } else if (Der.contentEquals(b, oid, CERTIFICATE_ISSUER)) {
                        if (!indirect) {
                            // Only an indirect CRL may speak for another issuer (RFC 5280 §5.3.3).
                            throw new CrlException("certificateIssuer entry extension in a CRL that is not indirect");
                        }
                        currentIssuer = issuerId(issuers, directoryName(b, value));
                    } else if (critical && !Der.contentEquals(b, oid, INVALIDITY_DATE)) {
                        throw new CrlException("unrecognised critical CRL entry extension");
                    }
                }
            }
            if (issuerIds != null) {
                issuerIds[row] = currentIssuer;
            }
        }
        return bucketed(
                width,
                serials,
                reasons,
                dates,
                issuerIds,
                issuers.toArray(new X500Principal[0]),
                ThreadLocalRandom.current().nextLong());
    }

    /** Sign-extends a two's-complement big-endian integer into a row of width octets. */
    static void writeRow(byte[] b, int from, int to, byte[] out, int offset, int width) {
        int length = to - from;
        byte fill = length > 0 && b[from] < 0 ? (byte) 0xff : 0;
        java.util.Arrays.fill(out, offset, offset + width - length, fill);
        System.arraycopy(b, from, out, offset + width - length, length);
    }

    /** Reorders rows (in CRL order) by bucket: one bucket per entry, so ~1 row per bucket. */
    static CrlIndex bucketed(
            int width, byte[] rows, byte[] reasons, int[] dates, int[] issuerIds, X500Principal[] issuers, long seed) {
        int count = reasons.length;
        int buckets = Math.max(1, count);
        int chunks = CrlIndex.chunks(width);
        long topMask = CrlIndex.topMask(width);
        int[] bucketOf = new int[count];
        int[] start = new int[buckets + 1];
        long[] key = new long[chunks];
        for (int row = 0; row < count; row++) {
            int end = CrlIndex.PAD + (row + 1) * width;
            for (int j = 0; j < chunks; j++) {
                key[j] = CrlIndex.chunk(rows, end, j, chunks, topMask);
            }
            bucketOf[row] = CrlIndex.bucket(CrlIndex.hash(seed, key), buckets);
            start[bucketOf[row] + 1]++;
        }
        for (int i = 0; i < buckets; i++) {
            start[i + 1] += start[i];
        }
        int[] next = java.util.Arrays.copyOf(start, buckets);
        byte[] outRows = new byte[rows.length];
        byte[] outReasons = new byte[count];
        int[] outDates = new int[count];
        int[] outIssuerIds = issuerIds == null ? null : new int[count];
        for (int row = 0; row < count; row++) {
            int to = next[bucketOf[row]]++;
            System.arraycopy(rows, CrlIndex.PAD + row * width, outRows, CrlIndex.PAD + to * width, width);
            outReasons[to] = reasons[row];
            outDates[to] = dates[row];
            if (issuerIds != null) {
                outIssuerIds[to] = issuerIds[row];
            }
        }
        return new CrlIndex(width, seed, start, outRows, outReasons, outDates, outIssuerIds, issuers);
    }

    private static X500Principal directoryName(byte[] b, Der.Tlv value) throws CrlException {
        try {
            byte[] encoded = java.util.Arrays.copyOfRange(b, value.contentStart, value.end);
            for (GeneralName name : GeneralNames.getInstance(ASN1Primitive.fromByteArray(encoded))
                    .getNames()) {
                if (name.getTagNo() == GeneralName.directoryName) {
                    return new X500Principal(name.getName().toASN1Primitive().getEncoded("DER"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // BC throws unchecked exceptions on odd input here (bc-java#2425): report, don't crash.
            throw new CrlException("malformed certificateIssuer entry extension: " + e.getMessage(), e);
        }
        throw new CrlException("certificateIssuer entry extension without a directory name");
    }

    private static int issuerId(List<X500Principal> issuers, X500Principal name) {
        int id = issuers.indexOf(name);
        if (id >= 0) {
            return id;
        }
        issuers.add(name);
        return issuers.size() - 1;
    }
}
