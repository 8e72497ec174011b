package dev.certgate.bench.load;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one request of the invalid-client mix costs the filter, certgate (case B's configuration)
 * against the hand-written floor (case F), on the filter instance the load server starts: a
 * stranger's chain (unknown root), an expired leaf, no certificate, and for reference a valid one.
 * The request and response are minimal fakes (no container work), so {@code -prof gc} B/op is the
 * filter's own allocation per request — load-independent, unlike the timings on a shared machine.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar BlockedRequestBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BlockedRequestBenchmark {

    @Param({"certgate", "floor"})
    public String filter;

    private Path dir;
    private Server server;
    private Filter gate;
    private FakeRequest valid;
    private FakeRequest stranger;
    private FakeRequest expired;
    private FakeRequest none;
    private final FakeResponse response = new FakeResponse();
    private final FilterChain chain = (req, res) -> ((HttpServletResponse) res).setStatus(200);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("certgate-blocked-bench");
        Pki pki = new Pki();
        pki.write(dir);
        Path properties = dir.resolve("b.properties");
        Files.writeString(properties, Configs.b(dir));
        server = LoadServer.start(filter, dir, properties);
        ServletContextHandler context = (ServletContextHandler) server.getHandler();
        gate = context.getServletHandler().getFilters()[0].getFilter();
        valid = new FakeRequest(pki.valid.chain());
        stranger = new FakeRequest(pki.unknownCa.chain());
        expired = new FakeRequest(pki.expired.chain());
        none = new FakeRequest(null);
        // The verdicts the load run expects, so a mistake here cannot pass as a fast block.
        expect(valid, 200);
        expect(stranger, 403);
        expect(expired, 403);
        expect(none, 403);
    }

    private void expect(FakeRequest request, int status) throws Exception {
        int got = run(request);
        if (got != status) {
            throw new IllegalStateException(filter + " answered " + got + " instead of " + status);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        server.stop();
        if (!FakeRequest.UNEXPECTED.isEmpty()) {
            System.out.println(
                    "\nrequest/response methods not faked (allocating proxy calls): " + FakeRequest.UNEXPECTED);
        }
    }

    private int run(FakeRequest request) throws Exception {
        request.attributes.clear();
        response.status = 0;
        gate.doFilter(request, response, chain);
        return response.status;
    }

    @Benchmark
    public int allowValid() throws Exception {
        return run(valid);
    }

    @Benchmark
    public int blockStranger() throws Exception {
        return run(stranger);
    }

    @Benchmark
    public int blockExpired() throws Exception {
        return run(expired);
    }

    @Benchmark
    public int blockNoCertificate() throws Exception {
        return run(none);
    }

    /** A request as a container presents GET /api/orders/42?view=full on a TLS connection. */
    static final class FakeRequest extends HttpServletRequestWrapper {
        static final Set<String> UNEXPECTED = ConcurrentHashMap.newKeySet();
        private static final Map<String, String> HEADERS = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        static {
            HEADERS.put("Host", "localhost");
            HEADERS.put("User-Agent", "certgate-load/1");
            HEADERS.put("Accept", "application/json");
        }

        private final X509Certificate[] chain;
        final Map<String, Object> attributes = new HashMap<>();

        FakeRequest(X509Certificate[] chain) {
            super(unexpected(HttpServletRequest.class));
            this.chain = chain;
        }

        @Override
        public Object getAttribute(String name) {
            if (chain != null && name.equals("jakarta.servlet.request.X509Certificate")) {
                return chain;
            }
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object o) {
            attributes.put(name, o);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }

        @Override
        public String getHeader(String name) {
            return HEADERS.get(name); // case-insensitive, as the container's lookup, without a lowered copy
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String v = getHeader(name);
            return v == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(v));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(HEADERS.keySet());
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getRequestURI() {
            return "/api/orders/42";
        }

        @Override
        public String getQueryString() {
            return "view=full";
        }

        @Override
        public String getContextPath() {
            return "";
        }

        @Override
        public String getServletPath() {
            return "/api/orders/42";
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getServerName() {
            return "localhost";
        }

        @Override
        public int getServerPort() {
            return 8443;
        }

        @Override
        public String getScheme() {
            return "https";
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public String getRemoteAddr() {
            return "127.0.0.1";
        }

        @Override
        public int getRemotePort() {
            return 50123;
        }

        @Override
        public String getLocalAddr() {
            return "127.0.0.1";
        }

        @Override
        public int getLocalPort() {
            return 8443;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public boolean isAsyncStarted() {
            return false;
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public int getContentLength() {
            return -1;
        }

        @Override
        public String getCharacterEncoding() {
            return null;
        }
    }

    /** A response that keeps the status and discards the body; only what the filters call is written out. */
    static final class FakeResponse extends HttpServletResponseWrapper {
        int status;
        private final ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}

            @Override
            public void write(int b) {} // the body is ~150 bytes: byte by byte is fine
        };
        private final PrintWriter writer = new PrintWriter(Writer.nullWriter());

        FakeResponse() {
            super(unexpected(HttpServletResponse.class));
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void setContentType(String type) {}

        @Override
        public void setContentLength(int len) {}

        @Override
        public void setHeader(String name, String value) {}

        @Override
        public void reset() {}

        @Override
        public void flushBuffer() {}

        @Override
        public ServletOutputStream getOutputStream() {
            return out;
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }
    }

    /** A stand-in for what the fakes do not implement: records the method, returns a neutral value. */
    private static <T> T unexpected(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(
                BlockedRequestBenchmark.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                    FakeRequest.UNEXPECTED.add(method.getName());
                    Class<?> r = method.getReturnType();
                    if (r == boolean.class) {
                        return false;
                    }
                    if (r == int.class) {
                        return 0;
                    }
                    if (r == long.class) {
                        return 0L;
                    }
                    if (r == Enumeration.class) {
                        return Collections.emptyEnumeration();
                    }
                    return null;
                }));
    }
}
