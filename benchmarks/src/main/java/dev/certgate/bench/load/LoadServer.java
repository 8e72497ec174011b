package dev.certgate.bench.load;

import dev.certgate.CertGateFilter;
import dev.certgate.CertGateStatus;
import dev.certgate.ops.Metric;
import dev.certgate.tls.FilterDecidesTrustManager;
import jakarta.servlet.DispatcherType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One server of the load run, in its own JVM so that its CPU time is its own. Jetty 12 (ee10),
 * HTTPS/1.1 on 127.0.0.1, the {@link LoadServlet} at {@code /*}, and either
 * <ul>
 *   <li>{@code container}: need-client-auth with the client root in the trust store, no certgate (A), or</li>
 *   <li>{@code certgate}: want-client-auth, {@link FilterDecidesTrustManager}, {@link CertGateFilter}
 *       configured by the init-params in the given properties file (B, C), or</li>
 *   <li>{@code floor}: want-client-auth, {@link FilterDecidesTrustManager}, the hand-written
 *       {@link FloorFilter} (F).</li>
 * </ul>
 * Usage: {@code LoadServer container|certgate|floor <pki dir> [<certgate properties>]}, or several
 * servers in this one JVM ({@code LoadRun --one-jvm}): {@code LoadServer cases <pki dir>
 * <name>:<mode>[:<certgate properties>]…}, each with its own fixed thread pool named after it. Prints
 * {@code READY <port>} ({@code READY <name>=<port>…} for several; or {@code FAILED <why>}), then
 * answers commands on stdin, one a line:
 * {@code cpu} → {@code CPU <process cpu ns> <servlet requests> <gc count> <gc ms> <bytes allocated>
 * <jit ns> <gc threads ns> <certgate threads ns>} (the last three by {@link ThreadCpu}); {@code cpu <name>}
 * the same for one of several servers, its CPU and allocation being its own threads' (see
 * {@link ThreadUsage}) plus the process's JIT, GC/VM and certgate threads;
 * {@code revocation [<name>]} → {@code REVOCATION crl=<n> none=<n> ocsp=<n>} (certgate's revocation answers by source),
 * {@code heap} → full GC, then {@code HEAP <used bytes after GC>}, {@code quit}.
 */
public final class LoadServer {
    private LoadServer() {}

    public static void main(String[] args) throws Exception {
        boolean several = args[0].equals("cases");
        Path dir = Path.of(args[1]);
        // One server per case: the whole process (one name, "") or, with "cases", several in one JVM.
        Map<String, Server> servers = new LinkedHashMap<>();
        try {
            if (several) {
                for (int i = 2; i < args.length; i++) {
                    String[] spec = args[i].split(":", 3);
                    QueuedThreadPool pool = new QueuedThreadPool(CASE_THREADS, CASE_THREADS);
                    pool.setName(ThreadUsage.PREFIX + spec[0]);
                    servers.put(spec[0], start(spec[0], spec[1], dir, spec.length > 2 ? Path.of(spec[2]) : null, pool));
                }
            } else {
                servers.put("", start("", args[0], dir, args.length > 2 ? Path.of(args[2]) : null, null));
            }
        } catch (Throwable e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.out.println("FAILED " + (e + " / " + root).replace('\n', ' '));
            System.out.flush();
            System.exit(2);
            return;
        }
        StringBuilder ready = new StringBuilder("READY");
        servers.forEach((name, server) -> {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            ready.append(' ').append(name.isEmpty() ? "" : name + "=").append(port);
        });
        System.out.println(ready);
        System.out.flush();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, ThreadUsage> serverThreads = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split(" ", 2);
            String name = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case "cpu" -> {
                    long gcCount = 0;
                    long gcMillis = 0;
                    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                        gcCount += Math.max(0, gc.getCollectionCount());
                        gcMillis += Math.max(0, gc.getCollectionTime());
                    }
                    String kinds = ThreadCpu.byKind();
                    long cpu;
                    long allocated;
                    if (name.isEmpty()) {
                        cpu = os.getProcessCpuTime();
                        allocated = ALL_THREADS.cpuAndAllocated()[1];
                    } else {
                        // One case's own threads, plus the process's JIT, GC/VM and certgate threads
                        // (what the case's requests make them do while it is the one loaded).
                        long[] own = serverThreads
                                .computeIfAbsent(name, ThreadUsage::ofServer)
                                .cpuAndAllocated();
                        long background = 0;
                        for (String k : kinds.split(" ")) {
                            background += Math.max(0, Long.parseLong(k));
                        }
                        cpu = own[0] + background;
                        allocated = own[1];
                    }
                    System.out.println("CPU " + cpu + " " + LoadServlet.SERVED.sum() + " " + gcCount + " " + gcMillis
                            + " " + allocated + " " + kinds);
                }
                case "revocation" -> System.out.println("REVOCATION " + revocationAnswers(name));
                case "heap" -> {
                    System.gc();
                    System.gc();
                    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                    System.out.println("HEAP " + heap.getUsed());
                }
                case "quit" -> {
                    for (Server server : servers.values()) {
                        server.stop();
                    }
                    System.out.println("BYE");
                    System.out.flush();
                    System.exit(0);
                }
                default -> System.out.println("ERROR unknown command " + line);
            }
            System.out.flush();
        }
        for (Server server : servers.values()) {
            server.stop();
        }
    }

    /**
     * Threads of each case's pool when several share a JVM: fixed (minimum = maximum), so no thread
     * ends and takes its CPU time out of the case's sum.
     */
    private static final int CASE_THREADS = 24;

    private static final ThreadUsage ALL_THREADS = ThreadUsage.all();

    /** The certgate filter of each server by name ("" for the only one), for its counters. */
    private static final Map<String, FilterHolder> CERTGATE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The filter's revocation answers so far by source, {@code ocsp=N crl=N none=N} (all three
     * always printed; zero without certgate): from {@code certgate_revocation_answers_total}.
     */
    static String revocationAnswers(String server) {
        Map<String, Double> bySource = new TreeMap<>(Map.of("ocsp", 0.0, "crl", 0.0, "none", 0.0));
        FilterHolder holder = CERTGATE.get(server);
        CertGateStatus status = holder == null ? null : ((CertGateFilter) holder.getFilter()).status();
        if (status != null) {
            for (Metric m : status.metrics()) {
                if (m.name().equals("certgate_revocation_answers_total")) {
                    bySource.merge(m.labels().get("source"), m.value(), Double::sum);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        bySource.forEach((k, v) ->
                out.append(out.length() == 0 ? "" : " ").append(k).append('=').append(v.longValue()));
        return out.toString();
    }

    static Server start(String mode, Path dir, Path certgateProperties) throws Exception {
        return start("", mode, dir, certgateProperties, null);
    }

    /**
     * @param name the server's name among several in this JVM ("" for the only one)
     * @param pool its thread pool, or null for Jetty's default
     */
    static Server start(String name, String mode, Path dir, Path certgateProperties, QueuedThreadPool pool)
            throws Exception {
        boolean floor = mode.equals("floor");
        boolean filterDecides = switch (mode) {
            case "container" -> false;
            case "certgate", "floor" -> true;
            default -> throw new IllegalArgumentException("mode must be container, certgate or floor: " + mode);
        };
        SslContextFactory.Server tls = filterDecides
                ? new SslContextFactory.Server() {
                    @Override
                    protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
                        return new TrustManager[] {new FilterDecidesTrustManager()};
                    }
                }
                : new SslContextFactory.Server();
        tls.setKeyStorePath(dir.resolve("server.p12").toString());
        tls.setKeyStorePassword(new String(Pki.PASSWORD));
        tls.setKeyStoreType("PKCS12");
        if (filterDecides) {
            tls.setWantClientAuth(true);
        } else {
            tls.setNeedClientAuth(true);
            tls.setTrustStorePath(dir.resolve("truststore.p12").toString());
            tls.setTrustStorePassword(new String(Pki.PASSWORD));
            tls.setTrustStoreType("PKCS12");
        }

        Server server = pool == null ? new Server() : new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSecureScheme("https");
        http.setSendServerVersion(false);
        http.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector =
                new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(LoadServlet.class, "/*");
        if (floor) {
            FilterHolder filter = new FilterHolder(FloorFilter.class);
            filter.setInitParameter("truststore", dir.resolve("truststore.p12").toString());
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        } else if (filterDecides) {
            FilterHolder filter = new FilterHolder(CertGateFilter.class);
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(certgateProperties, StandardCharsets.UTF_8)) {
                props.load(r);
            }
            for (String param : props.stringPropertyNames()) {
                filter.setInitParameter(param, props.getProperty(param));
            }
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
            CERTGATE.put(name, filter);
        }
        server.setHandler(context);
        server.start();
        if (!context.isAvailable()) {
            server.stop();
            throw new IllegalStateException("the web application did not start (see the server log)");
        }
        return server;
    }
}
