package dev.certgate.revocation.crl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Streams the revokedCertificates of a parsed CRL into a {@link CrlIndex}: one pass to size the
 * arrays, one to fill them, then an in-place sort of the rows. No per-entry objects.
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
        byte[] b = crl.der;
        Der.Tlv entry = new Der.Tlv();
        Der.Tlv t = new Der.Tlv();
        int count = 0;
        int maxSerialLength = 1;
        for (int p = crl.entriesStart; p < crl.entriesEnd; count++) {
            p = Der.expect(b, p, crl.entriesEnd, Der.SEQUENCE, entry, "revoked certificate");
            Der.expect(b, entry.contentStart, entry.end, Der.INTEGER, t, "userCertificate");
            if (t.contentLength() == 0) {
                throw new CrlException("malformed CRL entry: empty serial number");
            }
            maxSerialLength = Math.max(maxSerialLength, t.contentLength());
        }
        int words = (maxSerialLength + 7) / 8;
        long[] serials = new long[count * words];
        byte[] reasons = new byte[count];
        int[] dates = new int[count];
        boolean indirect = crl.extensions.indirect();
        int[] issuerIds = indirect ? new int[count] : null;
        List<X500Principal> issuers = new ArrayList<>();
        issuers.add(crl.issuer);
        int currentIssuer = 0;

        int row = 0;
        for (int p = crl.entriesStart; p < crl.entriesEnd; row++) {
            p = Der.expect(b, p, crl.entriesEnd, Der.SEQUENCE, entry, "revoked certificate");
            int q = Der.expect(b, entry.contentStart, entry.end, Der.INTEGER, t, "userCertificate");
            CrlIndex.writeWords(b, t.contentStart, t.end, serials, row * words, words);
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
        RowSorter.sort(serials, words, reasons, dates, issuerIds);
        return new CrlIndex(words, serials, reasons, dates, issuerIds, issuers.toArray(new X500Principal[0]));
    }

    private static X500Principal directoryName(byte[] b, Der.Tlv value) throws CrlException {
        try {
            byte[] encoded = java.util.Arrays.copyOfRange(b, value.contentStart, value.end);
            for (GeneralName name : GeneralNames.getInstance(ASN1Primitive.fromByteArray(encoded)).getNames()) {
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

    /** Sorts rows of fixed-width unsigned words, moving the side tables along. */
    static final class RowSorter {
        private final long[] keys;
        private final int words;
        private final byte[] reasons;
        private final int[] dates;
        private final int[] issuerIds;

        private RowSorter(long[] keys, int words, byte[] reasons, int[] dates, int[] issuerIds) {
            this.keys = keys;
            this.words = words;
            this.reasons = reasons;
            this.dates = dates;
            this.issuerIds = issuerIds;
        }

        static void sort(long[] keys, int words, byte[] reasons, int[] dates, int[] issuerIds) {
            RowSorter sorter = new RowSorter(keys, words, reasons, dates, issuerIds);
            int n = reasons.length;
            if (!sorter.isSorted(n)) {
                sorter.quickSort(0, n - 1, 0);
            }
        }

        private boolean isSorted(int n) {
            for (int i = 1; i < n; i++) {
                if (compare(i - 1, i) > 0) {
                    return false;
                }
            }
            return true;
        }

        private void quickSort(int low, int high, int depth) {
            while (high - low > 16) {
                if (depth > 64) {
                    heapSort(low, high);
                    return;
                }
                int mid = (low + high) >>> 1;
                // median of three into high, then Lomuto-style partition with ties split evenly
                if (compare(mid, low) < 0) swap(mid, low);
                if (compare(high, low) < 0) swap(high, low);
                if (compare(mid, high) < 0) swap(mid, high);
                int i = low;
                int j = high - 1;
                while (true) {
                    while (compare(i, high) < 0) i++;
                    while (j > i && compare(j, high) > 0) j--;
                    if (i >= j) break;
                    swap(i++, j--);
                }
                swap(i, high);
                depth++;
                if (i - low < high - i) {
                    quickSort(low, i - 1, depth);
                    low = i + 1;
                } else {
                    quickSort(i + 1, high, depth);
                    high = i - 1;
                }
            }
            for (int i = low + 1; i <= high; i++) {
                for (int j = i; j > low && compare(j - 1, j) > 0; j--) {
                    swap(j - 1, j);
                }
            }
        }

        private void heapSort(int low, int high) {
            int n = high - low + 1;
            for (int i = n / 2 - 1; i >= 0; i--) siftDown(low, i, n);
            for (int end = n - 1; end > 0; end--) {
                swap(low, low + end);
                siftDown(low, 0, end);
            }
        }

        private void siftDown(int base, int i, int n) {
            while (true) {
                int child = 2 * i + 1;
                if (child >= n) return;
                if (child + 1 < n && compare(base + child + 1, base + child) > 0) child++;
                if (compare(base + i, base + child) >= 0) return;
                swap(base + i, base + child);
                i = child;
            }
        }

        private int compare(int a, int b) {
            int x = a * words;
            int y = b * words;
            for (int w = 0; w < words; w++) {
                int c = Long.compareUnsigned(keys[x + w], keys[y + w]);
                if (c != 0) return c;
            }
            return 0;
        }

        private void swap(int a, int b) {
            if (a == b) return;
            int x = a * words;
            int y = b * words;
            for (int w = 0; w < words; w++) {
                long k = keys[x + w];
                keys[x + w] = keys[y + w];
                keys[y + w] = k;
            }
            byte r = reasons[a];
            reasons[a] = reasons[b];
            reasons[b] = r;
            int d = dates[a];
            dates[a] = dates[b];
            dates[b] = d;
            if (issuerIds != null) {
                int s = issuerIds[a];
                issuerIds[a] = issuerIds[b];
                issuerIds[b] = s;
            }
        }
    }
}
