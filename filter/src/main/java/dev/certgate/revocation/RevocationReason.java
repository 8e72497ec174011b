package dev.certgate.revocation;

/** CRLReason codes of RFC 5280 §5.3.1 (7 is not used). */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    CA_COMPROMISE(2),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5),
    CERTIFICATE_HOLD(6),
    REMOVE_FROM_CRL(8),
    PRIVILEGE_WITHDRAWN(9),
    AA_COMPROMISE(10);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The reasons by code; the codes no reason has (7, or out of range) read as {@link #UNSPECIFIED}. */
    private static final RevocationReason[] BY_CODE = new RevocationReason[11];

    static {
        for (RevocationReason reason : values()) {
            BY_CODE[reason.code] = reason;
        }
    }

    /** The reason of an RFC 5280 code; unknown codes read as {@link #UNSPECIFIED}. */
    public static RevocationReason ofCode(int code) {
        RevocationReason reason = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        return reason == null ? UNSPECIFIED : reason;
    }
}
