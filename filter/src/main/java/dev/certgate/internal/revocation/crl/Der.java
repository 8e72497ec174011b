package dev.certgate.internal.revocation.crl;

/**
 * A minimal DER walker over a byte array: reads one TLV header at a time into a reusable
 * {@link Tlv}, without allocating. Enough for the fixed shape of a CRL; BC parses the rare,
 * small, irregular parts (names, extensions).
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int ENUMERATED = 0x0a;
    static final int BOOLEAN = 0x01;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int CONTEXT_0 = 0xa0;

    /** One element: its tag, where it starts (header), and its content range. */
    static final class Tlv {
        int tag;
        int start;
        int contentStart;
        int end;

        int contentLength() {
            return end - contentStart;
        }
    }

    private Der() {}

    /** Reads the element at pos, which must end by limit; returns its end. */
    static int read(byte[] b, int pos, int limit, Tlv out) {
        if (pos + 2 > limit) {
            throw new DerException("truncated element at offset " + pos);
        }
        int tag = b[pos] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new DerException("multi-byte tag at offset " + pos);
        }
        int first = b[pos + 1] & 0xff;
        int p = pos + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7f;
            if (count == 0 || count > 4) {
                throw new DerException("unsupported length encoding at offset " + pos);
            }
            if (p + count > limit) {
                throw new DerException("truncated length at offset " + pos);
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (b[p++] & 0xff);
            }
        }
        if (length > limit - p) {
            throw new DerException("element at offset " + pos + " overruns its container");
        }
        out.tag = tag;
        out.start = pos;
        out.contentStart = p;
        out.end = p + (int) length;
        return out.end;
    }

    /** Reads an element and checks its tag. */
    static int expect(byte[] b, int pos, int limit, int tag, Tlv out, String what) {
        read(b, pos, limit, out);
        if (out.tag != tag) {
            throw new DerException(what + ": expected tag 0x" + Integer.toHexString(tag) + ", found 0x"
                    + Integer.toHexString(out.tag) + " at offset " + pos);
        }
        return out.end;
    }

    static boolean isTime(int tag) {
        return tag == UTC_TIME || tag == GENERALIZED_TIME;
    }

    /** Epoch seconds of a UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), as RFC 5280 requires. */
    static long time(byte[] b, Tlv t) {
        int p = t.contentStart;
        int year;
        if (t.tag == UTC_TIME && t.contentLength() == 13) {
            int yy = digits(b, p, 2);
            year = yy >= 50 ? 1900 + yy : 2000 + yy;
            p += 2;
        } else if (t.tag == GENERALIZED_TIME && t.contentLength() == 15) {
            year = digits(b, p, 4);
            p += 4;
        } else {
            throw new DerException("time at offset " + t.start + " is not in RFC 5280 form");
        }
        int month = digits(b, p, 2);
        int day = digits(b, p + 2, 2);
        int hour = digits(b, p + 4, 2);
        int minute = digits(b, p + 6, 2);
        int second = digits(b, p + 8, 2);
        if (b[p + 10] != 'Z'
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour > 23
                || minute > 59
                || second > 60) {
            throw new DerException("invalid time at offset " + t.start);
        }
        return daysFromCivil(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
    }

    private static int digits(byte[] b, int p, int count) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            int d = b[p + i] - '0';
            if (d < 0 || d > 9) {
                throw new DerException("non-digit in time at offset " + (p + i));
            }
            n = n * 10 + d;
        }
        return n;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }

    /** Content bytes of an element equal the given bytes. */
    static boolean contentEquals(byte[] b, Tlv t, byte[] expected) {
        if (t.contentLength() != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[t.contentStart + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Malformed DER. */
    static final class DerException extends RuntimeException {
        DerException(String message) {
            super(message);
        }
    }
}
