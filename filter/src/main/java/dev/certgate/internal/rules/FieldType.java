package dev.certgate.internal.rules;

/** The types of the Rules language that fields can have. */
public enum FieldType {
    /** Boolean: used bare, never compared. */
    BOOL,
    /** 64-bit signed integer. */
    INT,
    /** Byte string; Cloudflare's documentation calls it "String". */
    BYTES,
    /** An IPv4 or IPv6 address. */
    IP,
    /** {@code Array<String>}. */
    BYTES_ARRAY,
    /** {@code Map<Array<String>>}: string keys, each with a list of string values. */
    BYTES_ARRAY_MAP,
    /** {@code Array<Array<String>>}: one list of strings per element (the multipart body fields). */
    BYTES_ARRAY_ARRAY,
    /** {@code Array<Map<Array<String>>>}: one map of string lists per element (each multipart part's headers). */
    BYTES_ARRAY_MAP_ARRAY
}
