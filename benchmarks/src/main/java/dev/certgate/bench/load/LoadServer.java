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
 * Usage: {@code LoadServer container|certgate|floor <pki dir> [<certgate properties>]}. Prints
 * {@code READY <port>} (or {@code FAILED <why>}), then answers commands on stdin, one a line:
 * {@code cpu} → {@code CPU <process cpu ns> <servlet requests> <gc count> <gc ms> <bytes allocated>
 * <jit ns> <gc threads ns> <certgate threads ns>} (the last three by {@link ThreadCpu}),
 * {@code revocation} → {@code REVOCATION crl=<n> none=<n> ocsp=<n>} (certgate's revocation answers by source),
 * {@code heap} → full GC, then {@code HEAP <used bytes after GC>}, {@code quit}.
 */
public final class LoadServer {
    private LoadServer() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path dir = Path.of(args[1]);
        Server server;
        try {
            server = start(mode, dir, args.length > 2 ? Path.of(args[2]) : null);
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
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.out.println("READY " + port);
        System.out.flush();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.trim()) {
                case "cpu" -> {
                    long gcCount = 0;
                    long gcMillis = 0;
                    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                        gcCount += Math.max(0, gc.getCollectionCount());
                        gcMillis += Math.max(0, gc.getCollectionTime());
                    }
                    System.out.println("CPU " + os.getProcessCpuTime() + " " + LoadServlet.SERVED.sum() + " " + gcCount
                            + " " + gcMillis + " " + ALLOCATED.total() + " " + ThreadCpu.byKind());
                }
                case "revocation" -> System.out.println("REVOCATION " + revocationAnswers());
                case "heap" -> {
                    System.gc();
                    System.gc();
                    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                    System.out.println("HEAP " + heap.getUsed());
                }
                case "quit" -> {
                    server.stop();
                    System.out.println("BYE");
                    System.out.flush();
                    System.exit(0);
                }
                default -> System.out.println("ERROR unknown command " + line);
            }
            System.out.flush();
        }
        server.stop();
    }

    private static final AllocatedBytes ALLOCATED = new AllocatedBytes();

    /** The certgate filter of this server (null for container and floor), for its counters. */
    private static volatile FilterHolder certgate;

    /**
     * The filter's revocation answers so far by source, {@code ocsp=N crl=N none=N} (all three
     * always printed; zero without certgate): from {@code certgate_revocation_answers_total}.
     */
    static String revocationAnswers() {
        Map<String, Double> bySource = new TreeMap<>(Map.of("ocsp", 0.0, "crl", 0.0, "none", 0.0));
        FilterHolder holder = certgate;
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

        Server server = new Server();
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
            for (String name : props.stringPropertyNames()) {
                filter.setInitParameter(name, props.getProperty(name));
            }
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
            certgate = filter;
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
