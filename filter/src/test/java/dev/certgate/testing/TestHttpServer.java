package dev.certgate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's), for CRLs: serves the current bytes with
 * Last-Modified, answers 304 to a matching If-Modified-Since, fails with 500 on demand, and counts
 * requests.
 */
public final class TestHttpServer implements AutoCloseable {

    /** Answers one exchange. */
    public interface Handler {
        void handle(HttpExchange exchange, byte[] requestBody) throws IOException;
    }

    private final HttpServer server;
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger notModified = new AtomicInteger();
    private volatile byte[] body = new byte[0];
    private volatile String lastModified = "Tue, 15 Jan 2030 10:00:00 GMT";
    private volatile boolean failing;

    private TestHttpServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (InputStream in = exchange.getRequestBody()) {
                handler.handle(exchange, in.readAllBytes());
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public static TestHttpServer start(Handler handler) throws IOException {
        return new TestHttpServer(handler);
    }

    /** A CRL server: serve(bytes, lastModified), fail(true). */
    public static TestHttpServer crlServer() throws IOException {
        TestHttpServer[] self = new TestHttpServer[1];
        self[0] = new TestHttpServer((exchange, ignored) -> self[0].serveCrl(exchange));
        return self[0];
    }

    private void serveCrl(HttpExchange exchange) throws IOException {
        if (failing) {
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (lastModified.equals(since)) {
            notModified.incrementAndGet();
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        exchange.getResponseHeaders().set("Last-Modified", lastModified);
        exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    public void serve(byte[] bytes, String lastModifiedHeader) {
        this.body = bytes;
        this.lastModified = lastModifiedHeader;
    }

    public void fail(boolean on) {
        this.failing = on;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
