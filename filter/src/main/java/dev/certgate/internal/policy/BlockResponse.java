package dev.certgate.internal.policy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a blocked request: a status in 400–499, a content type and a body. The default is
 * a 403 RFC 9457 problem document that reveals nothing about the rule or the certificate.
 */
public final class BlockResponse {
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final BlockResponse DEFAULT = problem(403);

    private final int status;
    private final String contentType;
    private final byte[] body;

    private BlockResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    /**
     * @throws IllegalArgumentException when the status is outside 400–499 or the body is empty
     */
    public static BlockResponse of(int status, String contentType, String body) {
        checkStatus(status);
        if (body == null || body.isEmpty()) {
            return problem(status);
        }
        if (contentType == null || contentType.isBlank() || contentType.indexOf('/') <= 0) {
            throw new IllegalArgumentException("content type '" + contentType + "' is not a media type (type/subtype)");
        }
        return new BlockResponse(status, contentType.strip(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A problem document for {@code status} without internals. */
    public static BlockResponse problem(int status) {
        checkStatus(status);
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            default -> "Request Refused";
        };
        String json = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"The request was refused by the server's access policy.\"}";
        return new BlockResponse(status, PROBLEM_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void checkStatus(int status) {
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("status " + status + " is not in 400–499");
        }
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** The body bytes (UTF-8); callers must not modify the array. */
    byte[] bodyBytes() {
        return body;
    }

    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** Writes the body without copying it (the request path: a block allocates no body). */
    public void writeBody(OutputStream out) throws IOException {
        out.write(body);
    }
}
