package dev.certgate;

import dev.certgate.internal.policy.BlockResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes a block response: status, content type, body, and no caching. */
final class BlockResponses {
    private BlockResponses() {}

    static void write(HttpServletResponse response, BlockResponse block) throws IOException {
        BlockResponse b = block != null ? block : BlockResponse.DEFAULT;
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(b.status());
        response.setContentType(b.contentType());
        response.addHeader("Cache-Control", "no-store"); // after reset() there is none to replace
        response.setContentLength(b.bodyLength());
        b.writeBody(response.getOutputStream());
        response.flushBuffer();
    }
}
