package dev.certgate.bench.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLSocket;
import org.HdrHistogram.Histogram;

/**
 * The load generator: N threads, each a closed loop over blocking TLS connections to 127.0.0.1
 * (HTTP/1.1 keep-alive unless the workload says otherwise). Each request's client kind comes from
 * a fixed schedule (so proportions are exact); every outcome is compared with the decision
 * expected for that kind in that configuration.
 */
final class LoadClient {
    /** What a client presents. */
    enum Kind {
        VALID,
        REVOKED,
        UNKNOWN_CA,
        EXPIRED,
        NONE
    }

    /** What the server is expected to do: answer 200, answer 403, or refuse the TLS handshake. */
    enum Outcome {
        ALLOW,
        BLOCK,
        REFUSE
    }

    /**
     * A workload.
     *
     * @param schedule              the kinds, cycled (each thread starts at its own offset)
     * @param requestsPerConnection close a connection after this many requests (1: a new TLS connection
     *                              per request; 0: keep-alive until the end)
     * @param rotation              when not empty, VALID connections rotate through these identities
     * @param connections           concurrent connections (threads); 0: the run's default
     */
    record Workload(
            String name, Kind[] schedule, int requestsPerConnection, List<Pki.Identity> rotation, int connections) {
        Workload withRequestsPerConnection(int n) {
            return new Workload(name, schedule, n, rotation, connections);
        }
    }

    /** The outcome of one measured run. */
    static final class Result {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long responses;
        long refusals;
        long wrong;
        long errors;
        long handshakes;
        long elapsedNanos;
        final Map<Kind, long[]> perKind = new EnumMap<>(Kind.class); // {attempts, correct}
        final List<String> samples = Collections.synchronizedList(new ArrayList<>());

        long decisions() {
            return responses + refusals;
        }

        double perSecond() {
            return decisions() * 1e9 / elapsedNanos;
        }

        synchronized void add(Result r) {
            latency.add(r.latency);
            responses += r.responses;
            refusals += r.refusals;
            wrong += r.wrong;
            errors += r.errors;
            handshakes += r.handshakes;
            r.perKind.forEach((k, v) -> {
                long[] mine = perKind.computeIfAbsent(k, x -> new long[2]);
                mine[0] += v[0];
                mine[1] += v[1];
            });
            for (String s : r.samples) {
                if (samples.size() < 10) {
                    samples.add(s);
                }
            }
        }
    }

    private final ClientTls tls = new ClientTls();
    private final Map<Kind, Pki.Identity> identities = new EnumMap<>(Kind.class);
    private final AtomicInteger rotationCursor = new AtomicInteger();
    private final AtomicInteger sessionKeys = new AtomicInteger();
    /** Requests per second over all connections, 0: closed loop (each connection sends as fast as it is answered). */
    private final double rate;

    LoadClient(Pki pki) {
        this(pki, 0);
    }

    /**
     * A client that paces its connections to {@code rate} requests per second in all (0: unpaced). At a
     * fixed rate every server is measured at the same load: a closed loop lets a cheaper server run
     * at a higher rate, where each request costs it less again (fewer wake-ups per request), which
     * magnifies any difference in CPU per request.
     */
    LoadClient(Pki pki, double rate) {
        this.rate = rate;
        identities.put(Kind.VALID, pki.valid);
        identities.put(Kind.REVOKED, pki.revoked);
        identities.put(Kind.UNKNOWN_CA, pki.unknownCa);
        identities.put(Kind.EXPIRED, pki.expired);
    }

    /**
     * Runs {@code workload} against {@code port} until {@code stopAtNanos} (System.nanoTime), or until
     * {@code maxRequests} decisions (0: no bound), with {@code midRun} called once half-way (may be null).
     */
    Result run(
            int port,
            int defaultConnections,
            Workload workload,
            Map<Kind, Outcome> expected,
            long durationNanos,
            long maxRequests)
            throws InterruptedException {
        int n = workload.connections() > 0 ? workload.connections() : defaultConnections;
        byte[] request = ("GET /api/orders/42?view=full HTTP/1.1\r\nHost: localhost\r\n"
                        + "User-Agent: certgate-load/1\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Result total = new Result();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + durationNanos;
        long perThreadMax = maxRequests > 0 ? Math.max(1, maxRequests / n) : Long.MAX_VALUE;
        for (int t = 0; t < n; t++) {
            int index = t;
            int offset = (int) ((long) t * workload.schedule().length / n);
            Thread thread = new Thread(
                    () -> {
                        Result mine = loop(port, workload, expected, request, offset, index, n, deadline, perThreadMax);
                        total.add(mine);
                    },
                    "load-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        total.elapsedNanos = System.nanoTime() - start;
        return total;
    }

    private Result loop(
            int port,
            Workload w,
            Map<Kind, Outcome> expected,
            byte[] request,
            int offset,
            int index,
            int connections,
            long deadline,
            long maxRequests) {
        Result r = new Result();
        Kind[] schedule = w.schedule();
        long interval = rate > 0 ? (long) (connections * 1e9 / rate) : 0;
        // Each connection starts at its own point of the interval, so the paced requests do not come in bursts.
        long next = System.nanoTime() + interval * index / connections;
        Connection[] open = new Connection[Kind.values().length];
        long i = offset;
        long done = 0;
        try {
            while (done < maxRequests && System.nanoTime() < deadline) {
                Kind kind = schedule[(int) (i++ % schedule.length)];
                Outcome want = expected.get(kind);
                long[] counts = r.perKind.computeIfAbsent(kind, k -> new long[2]);
                counts[0]++;
                done++;
                Connection c = open[kind.ordinal()];
                if (interval > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    // Behind by more than one interval (a stall): start again from now rather than burst.
                    next = Math.max(next + interval, System.nanoTime() - interval);
                }
                long t0 = System.nanoTime();
                boolean fresh = c == null;
                try {
                    if (c == null) {
                        c = connect(port, identityFor(kind, w));
                        r.handshakes++;
                        open[kind.ordinal()] = c;
                    }
                    int status = c.exchange(request);
                    long t1 = System.nanoTime();
                    r.latency.recordValue(Math.min(t1 - t0, r.latency.getHighestTrackableValue()));
                    r.responses++;
                    Outcome got = status == 200 ? Outcome.ALLOW : status == 403 ? Outcome.BLOCK : null;
                    if (got == want) {
                        counts[1]++;
                    } else {
                        r.wrong++;
                        sample(r, kind + ": expected " + want + ", got HTTP " + status);
                    }
                    c.requests++;
                    if (c.closeRequested
                            || (w.requestsPerConnection() > 0 && c.requests >= w.requestsPerConnection())) {
                        c.close();
                        open[kind.ordinal()] = null;
                    }
                } catch (IOException e) {
                    if (c != null) {
                        c.close();
                    }
                    open[kind.ordinal()] = null;
                    if (want == Outcome.REFUSE && (fresh || c == null || c.requests == 0)) {
                        r.refusals++;
                        counts[1]++;
                    } else {
                        r.errors++;
                        r.wrong++;
                        sample(r, kind + ": expected " + want + ", got " + e);
                    }
                }
            }
        } finally {
            for (Connection c : open) {
                if (c != null) {
                    c.close();
                }
            }
        }
        return r;
    }

    private static void sample(Result r, String what) {
        if (r.samples.size() < 5) {
            r.samples.add(what);
        }
    }

    private Pki.Identity identityFor(Kind kind, Workload w) {
        if (kind == Kind.VALID && !w.rotation().isEmpty()) {
            int i = Math.floorMod(rotationCursor.getAndIncrement(), w.rotation().size());
            return w.rotation().get(i);
        }
        return identities.get(kind);
    }

    private Connection connect(int port, Pki.Identity identity) throws IOException {
        Socket tcp = new Socket();
        tcp.setTcpNoDelay(true);
        tcp.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        tcp.setSoTimeout(30_000);
        ClientTls.use(identity);
        // A distinct peer name per connection keys the client session cache ("host:port"), so no
        // connection resumes another's TLS session: every new connection is a full handshake with its
        // own certificate. A name without a dot is not sent as SNI.
        String sessionKey = "load-client-" + sessionKeys.incrementAndGet();
        SSLSocket ssl = (SSLSocket) tls.factory().createSocket(tcp, sessionKey, port, true);
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            ssl.close();
            throw e;
        } finally {
            ClientTls.use(null);
        }
        return new Connection(ssl);
    }

    /** One HTTP/1.1 connection: writes a request, reads the whole response. */
    static final class Connection {
        private final SSLSocket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] line = new byte[8192];
        int requests;
        boolean closeRequested;

        Connection(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 16384);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = readLine();
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("bad status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String h; !(h = readLine()).isEmpty(); ) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")
                        && value.toLowerCase().contains("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    closeRequested = true;
                }
            }
            if (chunked) {
                for (long size; (size = Long.parseLong(readLine().split(";")[0].trim(), 16)) > 0; ) {
                    skip(size);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            } else if (length < 0) {
                closeRequested = true; // body until close: drain
                while (in.read(line) >= 0) {
                    // drain
                }
            }
            return status;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                int k = in.read(line, 0, (int) Math.min(line.length, n));
                if (k < 0) {
                    throw new EOFException("connection closed in a body");
                }
                n -= k;
            }
        }

        private String readLine() throws IOException {
            int len = 0;
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new EOFException("connection closed" + (len > 0 ? " in a line" : ""));
                }
                if (len < line.length) {
                    line[len++] = (byte) b;
                }
            }
            if (len > 0 && line[len - 1] == '\r') {
                len--;
            }
            return new String(line, 0, len, StandardCharsets.ISO_8859_1);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
