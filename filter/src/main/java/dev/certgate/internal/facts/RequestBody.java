package dev.certgate.internal.facts;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the body fields see of one request body: at most the configured number of bytes, whether
 * more followed, and the whole body's size. Built by {@link BodyReplayRequest}.
 */
final class RequestBody {
    static final RequestBody NONE = new RequestBody(new byte[0], 0, false, 0L, null);

    private final byte[] bytes;
    private final int length;
    private final boolean truncated;
    private final long size;
    private final String contentType;
    /** Parsed on first read; the request's thread is the only reader. */
    private RequestBodyMultipart multipart;

    /**
     * @param bytes  the bytes read; the fields see the first {@code length} of them
     * @param size   the whole body's size in bytes, as far as it is known (see docs/rules.md)
     */
    RequestBody(byte[] bytes, int length, boolean truncated, long size, String contentType) {
        this.bytes = bytes;
        this.length = length;
        this.truncated = truncated;
        this.size = size;
        this.contentType = contentType;
    }

    /** The seen bytes as UTF-8 text, like every other string field (invalid sequences become U+FFFD). */
    String raw() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    Long size() {
        return size;
    }

    Boolean truncated() {
        return truncated;
    }

    /** Cloudflare's form fields: a url-encoded form body's pairs, undecoded, in order; none for other bodies. */
    RequestParts.Pairs form() {
        return isForm(contentType) ? RequestParts.queryArgs(raw()) : RequestParts.Pairs.NONE;
    }

    /** The parts of a {@code multipart/*} body prefix, parsed once per request on first read. */
    RequestBodyMultipart multipart() {
        if (multipart == null) {
            multipart = RequestBodyMultipart.parse(contentType, bytes, length);
        }
        return multipart;
    }

    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return media.toLowerCase(Locale.ROOT).equals("application/x-www-form-urlencoded");
    }

    /**
     * The type the body's first bytes announce (file signatures), not the Content-Type the client
     * claims; {@code ""} when none of the known signatures matches.
     */
    String mime() {
        for (String[] signature : SIGNATURES) {
            if (startsWith(signature[0], 0) && (signature.length < 3 || startsWith(signature[2], 8))) {
                return signature[1];
            }
        }
        return "";
    }

    /** Signature (as Latin-1 text), type, and for RIFF containers the form type at offset 8. */
    private static final String[][] SIGNATURES = {
        {"\u00ff\u00d8\u00ff", "image/jpeg"},
        {"\u0089PNG\r\n\u001a\n", "image/png"},
        {"GIF87a", "image/gif"},
        {"GIF89a", "image/gif"},
        {"RIFF", "image/webp", "WEBP"},
        {"%PDF-", "application/pdf"},
        {"PK\u0003\u0004", "application/zip"},
        {"\u001f\u008b", "application/gzip"},
        {"\u007fELF", "application/x-elf"},
        {"MZ", "application/x-msdownload"},
    };

    private boolean startsWith(String latin1, int offset) {
        if (length < offset + latin1.length()) {
            return false;
        }
        for (int i = 0; i < latin1.length(); i++) {
            if ((bytes[offset + i] & 0xff) != latin1.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
