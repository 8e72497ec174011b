package dev.certgate.bench.load;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/** The same small API servlet in every configuration: a fixed JSON answer with a Content-Length. */
public final class LoadServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final byte[] BODY =
            "{\"status\":\"ok\",\"service\":\"orders\",\"items\":[1,2,3]}\n".getBytes(StandardCharsets.UTF_8);
    static final LongAdder SERVED = new LongAdder();

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SERVED.increment();
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setContentLength(BODY.length);
        resp.getOutputStream().write(BODY);
    }
}
