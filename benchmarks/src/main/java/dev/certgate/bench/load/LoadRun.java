package dev.certgate.bench.load;

import dev.certgate.bench.load.LoadClient.Kind;
import dev.certgate.bench.load.LoadClient.Outcome;
import dev.certgate.bench.load.LoadClient.Workload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * End-to-end load run: the same Jetty 12 server and servlet with container-only mTLS (A), with
 * certgate's default mTLS rule (B), with 20 rules + CRL + OCSP (C), and C with a new TLS
 * connection per request (D), and the hand-written verify-and-cache floor filter (F); each server in
 * its own JVM, the load generator in this one, all on 127.0.0.1. Configurations are alternated for {@code --reps} repetitions, each starting one case later (A B C D, B C D A, …).
 * See benchmarks/README.md for the options.
 */
public final class LoadRun {
    /** A measured case: which server, and whether each request opens a new TLS connection. */
    record Case(String name, String server, boolean newConnections) {}

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        for (Case c : List.of(
                new Case("A", "A", false),
                new Case("B", "B", false),
                new Case("C", "C", false),
                new Case("D", "C", true),
                new Case("A-new", "A", true),
                new Case("B-new", "B", true),
                new Case("F", "F", false),
                new Case("F-new", "F", true),
                // Null cases: a second container, certgate and floor, configured exactly as A, B and F.
                // A2/A, B2/B and F2/F should be 1.00; how far they land from it is the harness's own
                // noise, including what differs between two runs of the same server (JIT decisions).
                new Case("A2", "A2", false),
                new Case("B2", "B2", false),
                new Case("C2", "C2", false),
                new Case("F2", "F2", false))) {
            CASES.put(c.name(), c);
        }
    }

    /** One measured run. */
    record Sample(
            String workload,
            String caseName,
            int rep,
            LoadClient.Result result,
            double cpuMicrosPerDecision,
            long gcCount,
            double bytesPerDecision,
            ThreadKinds kinds) {
        double rate() {
            return result.perSecond();
        }

        double pct(double p) {
            return result.latency.getValueAtPercentile(p) / 1000.0;
        }
    }

    /**
     * Of a sample's server CPU per request, µs: the JIT compilers', the collector's and VM threads',
     * certgate's background threads', and the rest (the request path); NaN without /proc.
     */
    record ThreadKinds(double jit, double gc, double certgate, double rest) {
        static final ThreadKinds NONE = new ThreadKinds(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        static ThreadKinds between(ServerProcess.Sample before, ServerProcess.Sample after, long decisions) {
            if (before.jitNanos() < 0 || after.jitNanos() < 0) {
                return NONE;
            }
            double d = Math.max(1, decisions) * 1000.0;
            double jit = (after.jitNanos() - before.jitNanos()) / d;
            double gc = (after.gcThreadNanos() - before.gcThreadNanos()) / d;
            double certgate = (after.certgateThreadNanos() - before.certgateThreadNanos()) / d;
            double total = (after.cpuNanos() - before.cpuNanos()) / d;
            return new ThreadKinds(jit, gc, certgate, total - jit - gc - certgate);
        }
    }

    private final Options o;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final StringBuilder notes = new StringBuilder();
    /** C's revocation answers during the measured repetitions, by source (ocsp, crl, none). */
    private final Map<String, Long> cAnswers = new TreeMap<>();
    /** Why the run is invalid although every decision may have been right (exit status 1). */
    private final List<String> failures = new ArrayList<>();

    private LoadRun(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o == null) {
            return;
        }
        new LoadRun(o).run();
    }

    private void run() throws Exception {
        String loadBefore = loadAverage();
        ZonedDateTime started = ZonedDateTime.now();
        Path dir = o.dir != null ? o.dir : Files.createTempDirectory("certgate-load");
        log("PKI, CRL (%,d entries) and %,d rotating certificates in %s", o.crlEntries, o.rotateCerts, dir);
        Pki pki = new Pki();
        pki.write(dir);
        List<Pki.Identity> rotation = pki.rotating(o.rotateCerts);
        byte[] crl = pki.crl(o.crlEntries, 1, Duration.ofDays(2));
        Files.write(dir.resolve("issuing.crl"), crl);

        Map<String, Workload> workloads = new LinkedHashMap<>();
        Kind[] mix = mix();
        workloads.put("valid", new Workload("valid", new Kind[] {Kind.VALID}, 0, List.of(), 0));
        workloads.put("single", new Workload("single", new Kind[] {Kind.VALID}, 0, List.of(), 1));
        workloads.put("mix", new Workload("mix", mix, 0, List.of(), 0));
        workloads.put(
                "rotate", new Workload("rotate", new Kind[] {Kind.VALID}, o.rotateRequestsPerConnection, rotation, 0));
        workloads.put("invalid", new Workload("invalid", invalidMix(), 0, List.of(), 0));
        if (o.workloads.contains("churn")) {
            log("%,d certificates for the churn workload", o.churnCerts);
            workloads.put("churn", new Workload("churn", new Kind[] {Kind.VALID}, 1, pki.rotating(o.churnCerts), 0));
        }
        List<Workload> selected = new ArrayList<>();
        for (String w : o.workloads) {
            Workload wl = workloads.get(w);
            if (wl == null) {
                throw new IllegalArgumentException("unknown workload " + w + " (known: " + workloads.keySet() + ")");
            }
            selected.add(wl);
        }

        Map<String, ServerProcess> servers = new LinkedHashMap<>();
        try (RevocationServers revocation =
                new RevocationServers(pki, crl, pki.crl(o.crlEntries, 2, Duration.ofDays(2)), o.ocspValidity)) {
            // --reload-every: the certgate servers check for changes twice as often as the CA bundle is touched.
            String reload = o.reloadEvery.isZero()
                    ? ""
                    : "certgate.reload.interval=" + Math.max(100, o.reloadEvery.toMillis() / 2) + "ms\n";
            Files.writeString(dir.resolve("B.properties"), Configs.b(dir) + reload);
            Files.writeString(dir.resolve("B2.properties"), Configs.b(dir) + reload);
            String cProperties = (o.cProperties != null
                            ? Files.readString(o.cProperties)
                            : Configs.c(dir, revocation.crlUrl(), revocation.ocspUrl(), o.crlRefresh, o.cCheckers))
                    + reload;
            Files.writeString(dir.resolve("C.properties"), cProperties);
            Files.writeString(dir.resolve("C2.properties"), cProperties);
            if (o.oneJvm) {
                startInOneJvm(servers, dir);
            }
            for (String name : o.cases) {
                Case c = CASES.get(name);
                if (servers.containsKey(c.server()) || unavailable.containsKey(c.server())) {
                    continue;
                }
                try {
                    servers.put(
                            c.server(),
                            ServerProcess.start(
                                    c.server(),
                                    mode(c.server()),
                                    dir,
                                    mode(c.server()).equals("certgate")
                                            ? dir.resolve(c.server() + ".properties")
                                            : null,
                                    o.serverJvmArgs,
                                    dir.resolve("server-" + c.server() + ".log")));
                    log("server %s on port %d", c.server(), servers.get(c.server()).port);
                } catch (IOException e) {
                    if (isC(c.server()) && o.cProperties == null) {
                        // C without revocation would measure something else under C's name: fail the run.
                        failures.add("C did not start with its revocation settings: " + e.getMessage());
                    }
                    unavailable.put(c.server(), e.getMessage());
                    log("server %s NOT AVAILABLE: %s", c.server(), e.getMessage());
                }
            }
            List<Case> cases = new ArrayList<>();
            for (String name : o.cases) {
                Case c = CASES.get(name);
                if (servers.containsKey(c.server())) {
                    cases.add(c);
                } else {
                    unavailable.putIfAbsent(c.name(), "its server (" + c.server() + ") is not available");
                }
            }

            // Warm-up: every server, every selected workload and connection mode, for --warmup in total per server.
            for (Map.Entry<String, ServerProcess> s : servers.entrySet()) {
                List<Case> ofServer = cases.stream()
                        .filter(c -> c.server().equals(s.getKey()))
                        .toList();
                long slice = o.warmup.toNanos() / Math.max(1, ofServer.size() * selected.size());
                log("warm-up of server %s: %d s", s.getKey(), o.warmup.toSeconds());
                for (Case c : ofServer) {
                    for (Workload w : selected) {
                        LoadClient.Result r = warmUpClient(pki)
                                .run(s.getValue().port, o.connections, workload(w, c), expected(c), slice, 0);
                        checkWrong("warm-up " + c.name() + "/" + w.name(), r);
                    }
                }
                settle(pki, s.getKey(), s.getValue(), ofServer, selected);
            }

            // Measurement: the cases alternated, --reps times, each repetition starting one case
            // later (A B C F, then B C F A, …): a case is not always measured right after the same
            // other one, so what a position brings (a server resuming after idling, the machine's
            // other load in a cycle) does not fall on one case.
            LoadClient client = client(pki);
            for (int rep = 1; rep <= o.reps; rep++) {
                for (Workload w : selected) {
                    for (Case c : rotated(cases, rep - 1)) {
                        ServerProcess server = servers.get(c.server());
                        boolean failMidRun = isC(c.server()) && o.ocspFailMidRun;
                        Thread chaos = failMidRun ? ocspChaos(revocation, o.duration) : null;
                        Thread reloads = o.reloadEvery.isZero() ? null : touchCaBundle(dir, o.reloadEvery);
                        boolean countAnswers = isC(c.server());
                        Map<String, Long> answersBefore = countAnswers ? server.revocationAnswers() : Map.of();
                        ServerProcess.Sample before = server.sample();
                        LoadClient.Result r = client.run(
                                server.port,
                                o.connections,
                                workload(w, c),
                                expected(c),
                                o.duration.toNanos(),
                                o.requests);
                        ServerProcess.Sample after = server.sample();
                        if (countAnswers) {
                            server.revocationAnswers()
                                    .forEach((k, v) ->
                                            cAnswers.merge(k, v - answersBefore.getOrDefault(k, 0L), Long::sum));
                        }
                        if (chaos != null) {
                            chaos.interrupt();
                            chaos.join();
                            revocation.failOcsp(false);
                        }
                        if (reloads != null) {
                            reloads.interrupt();
                            reloads.join();
                        }
                        double cpu = (after.cpuNanos() - before.cpuNanos()) / 1000.0 / Math.max(1, r.decisions());
                        double allocated = (double) (after.allocatedBytes() - before.allocatedBytes())
                                / Math.max(1, r.decisions());
                        ThreadKinds kinds = ThreadKinds.between(before, after, r.decisions());
                        Sample s = new Sample(
                                w.name(), c.name(), rep, r, cpu, after.gcCount() - before.gcCount(), allocated, kinds);
                        samples.add(s);
                        log(
                                "rep %d %-6s %-5s %9.0f req/s  cpu %6.1f us/req (jit %.1f gc %.1f certgate %.1f rest %.1f)"
                                        + "  alloc %6.0f B/req  p50 %7.1f us  p99 %8.1f us  wrong %d  errors %d%s",
                                rep,
                                w.name(),
                                c.name(),
                                s.rate(),
                                cpu,
                                kinds.jit(),
                                kinds.gc(),
                                kinds.certgate(),
                                kinds.rest(),
                                allocated,
                                s.pct(50),
                                s.pct(99),
                                r.wrong,
                                r.errors,
                                r.samples.isEmpty() ? "" : "  e.g. " + r.samples.get(0));
                    }
                }
            }
            if (o.cProperties == null && cases.stream().anyMatch(c -> isC(c.server()))) {
                checkRevocationHappened(revocation);
            }
            if (o.soak.toNanos() > 0) {
                soak(pki, servers, cases);
            }
        } finally {
            servers.values().forEach(ServerProcess::close);
        }
        String report = report(started, loadBefore, loadAverage());
        System.out.println();
        System.out.println(report);
        if (o.report != null) {
            Files.createDirectories(o.report.toAbsolutePath().getParent());
            Files.writeString(o.report, report);
            log("report written to %s", o.report);
        }
        long wrong = samples.stream().mapToLong(s -> s.result().wrong).sum();
        if (wrong > 0 || !failures.isEmpty()) {
            failures.forEach(f -> log("RUN FAILED: %s", f));
            System.exit(1);
        }
    }

    /**
     * C must have asked its checkers during the measured repetitions, the CRL must have been
     * refreshed over HTTP and (unless --no-ocsp-failure) the OCSP responder must have failed while
     * C was measured; otherwise the run did not measure what C stands for and fails.
     */
    private void checkRevocationHappened(RevocationServers revocation) {
        long answers = cAnswers.values().stream().mapToLong(Long::longValue).sum();
        long crlFetches = revocation.crlFetches.get();
        long ocspFailures = revocation.ocspFailures.get();
        notes.append(String.format(
                Locale.ROOT,
                "- C's revocation answers in the measured repetitions: %,d (by source: %s; with checkers %s the first"
                        + " definitive answer wins, the CRL answers when OCSP cannot). Revocation servers: %d CRL"
                        + " fetches (the first at start-up, the others refreshes), %d OCSP requests, of which %d"
                        + " answered HTTP 500 (responder made to fail mid-run).%n",
                answers,
                cAnswers,
                o.cCheckers,
                crlFetches,
                revocation.ocspRequests.get(),
                ocspFailures));
        if (answers == 0) {
            failures.add("C made no revocation checks in its measured repetitions");
        }
        if (crlFetches < 2) {
            failures.add("the CRL was not refreshed during the run (" + crlFetches
                    + " fetch): use a --crl-refresh shorter than C's share of the run");
        }
        if (o.ocspFailMidRun && ocspFailures == 0) {
            failures.add("the OCSP responder never failed while C was measured");
        }
    }

    private LoadClient clientCache;

    private LoadClient client(Pki pki) {
        if (clientCache == null) {
            clientCache = new LoadClient(pki, o.rate);
        }
        return clientCache;
    }

    private LoadClient warmUpClientCache;

    /**
     * The warm-up and settling client: never paced, so the JIT reaches its steady state in the same
     * time whatever {@code --rate} the measurement runs at (a paced server compiles for minutes).
     */
    private LoadClient warmUpClient(Pki pki) {
        if (warmUpClientCache == null) {
            warmUpClientCache = new LoadClient(pki, 0);
        }
        return warmUpClientCache;
    }

    private static Workload workload(Workload w, Case c) {
        return c.newConnections() ? w.withRequestsPerConnection(1) : w;
    }

    /** The server mode of a server name: A the container alone, F the floor filter, others certgate. */
    private static String mode(String server) {
        return switch (server) {
            case "A", "A2" -> "container";
            case "F", "F2" -> "floor";
            default -> "certgate";
        };
    }

    /**
     * {@code --one-jvm}: every server of the selected cases in one child JVM, each on its own port
     * with its own thread pool, measured by its own threads' CPU. What differs between two JVMs
     * (code layout, JIT decisions, thread-local hash slots; 2–3.5 % between twins in round 5)
     * is then common to all cases; what a case makes the shared JIT and collector do still counts
     * to it, as it is the only one loaded at the time.
     */
    private void startInOneJvm(Map<String, ServerProcess> servers, Path dir) {
        List<ServerProcess.Spec> specs = new ArrayList<>();
        for (String name : o.cases) {
            String server = CASES.get(name).server();
            if (specs.stream().noneMatch(s -> s.name().equals(server))) {
                String mode = mode(server);
                specs.add(new ServerProcess.Spec(
                        server, mode, mode.equals("certgate") ? dir.resolve(server + ".properties") : null));
            }
        }
        try {
            servers.putAll(ServerProcess.startAll(specs, dir, o.serverJvmArgs, dir.resolve("server-all.log")));
            servers.forEach((name, s) -> log("server %s on port %d (one JVM for all)", name, s.port));
        } catch (IOException e) {
            failures.add("the servers did not start in one JVM: " + e.getMessage());
            for (ServerProcess.Spec spec : specs) {
                unavailable.put(spec.name(), e.getMessage());
            }
            log("servers NOT AVAILABLE: %s", e.getMessage());
        }
    }

    /** C's server or its twin: 20 rules and revocation. */
    static boolean isC(String server) {
        return server.equals("C") || server.equals("C2");
    }

    /** 70 % valid, 10 % each of a stranger (unknown CA), an expired certificate, no certificate. */
    static Kind[] invalidMix() {
        Kind[] k = new Kind[10];
        Arrays.fill(k, Kind.VALID);
        k[2] = Kind.UNKNOWN_CA;
        k[5] = Kind.EXPIRED;
        k[8] = Kind.NONE;
        return k;
    }

    /** 80 % valid, 5 % each of revoked, unknown CA, expired, no certificate. */
    static Kind[] mix() {
        Kind[] k = new Kind[20];
        Arrays.fill(k, Kind.VALID);
        k[3] = Kind.REVOKED;
        k[7] = Kind.UNKNOWN_CA;
        k[11] = Kind.EXPIRED;
        k[15] = Kind.NONE;
        return k;
    }

    /** The decision each kind of client must get from a server. */
    static Map<Kind, Outcome> expected(Case c) {
        Map<Kind, Outcome> m = new EnumMap<>(Kind.class);
        boolean container = mode(c.server()).equals("container");
        Outcome bad = container ? Outcome.REFUSE : Outcome.BLOCK;
        m.put(Kind.VALID, Outcome.ALLOW);
        // Neither A nor B checks revocation: a revoked but otherwise valid certificate is let through.
        m.put(Kind.REVOKED, isC(c.server()) ? Outcome.BLOCK : Outcome.ALLOW);
        m.put(Kind.UNKNOWN_CA, bad);
        m.put(Kind.EXPIRED, bad);
        m.put(Kind.NONE, bad);
        return m;
    }

    /**
     * Rewrites the client CA bundle (same certificates, a new modification time) every {@code every}
     * while a run lasts: each certgate server then reloads its whole policy mid-run (hot reload
     * under load; the run's wrong-decision count must stay 0).
     */
    private static Thread touchCaBundle(Path dir, Duration every) {
        Path bundle = dir.resolve("ca.pem");
        Thread t = new Thread(
                () -> {
                    try {
                        byte[] content = Files.readAllBytes(bundle);
                        while (!Thread.currentThread().isInterrupted()) {
                            Thread.sleep(every.toMillis());
                            Path next = dir.resolve("ca.pem.next");
                            Files.write(next, content);
                            Files.move(
                                    next,
                                    bundle,
                                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                        }
                    } catch (InterruptedException ignored) {
                        // run over
                    } catch (java.io.IOException e) {
                        log("touching %s failed: %s", bundle, e);
                    }
                },
                "ca-bundle-touch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Thread ocspChaos(RevocationServers revocation, Duration duration) {
        Thread t = new Thread(
                () -> {
                    try {
                        Thread.sleep(duration.toMillis() / 3);
                        revocation.failOcsp(true);
                        Thread.sleep(duration.toMillis() / 3);
                    } catch (InterruptedException ignored) {
                        // run over
                    } finally {
                        revocation.failOcsp(false);
                    }
                },
                "ocsp-chaos");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void checkWrong(String what, LoadClient.Result r) {
        if (r.wrong > 0 || r.errors > 0) {
            log("%s: %d wrong decisions, %d errors, e.g. %s", what, r.wrong, r.errors, r.samples);
            notes.append("- ")
                    .append(what)
                    .append(": ")
                    .append(r.wrong)
                    .append(" wrong decisions, ")
                    .append(r.errors)
                    .append(" errors, e.g. ")
                    .append(r.samples)
                    .append('\n');
        }
    }

    /**
     * Rotates --soak-certs distinct certificates for --soak on each server, in one-minute
     * legs; the heap after a full GC is taken at the start and after every leg, so that growth (or
     * its absence once the caches are full) shows as a series, not just two points.
     */
    private void soak(Pki pki, Map<String, ServerProcess> servers, List<Case> cases) throws Exception {
        List<Pki.Identity> many = pki.rotating(o.soakCerts);
        Workload w = new Workload("soak", new Kind[] {Kind.VALID}, o.rotateRequestsPerConnection, many, 0);
        long legs = Math.max(1, o.soak.toMinutes());
        long legNanos = o.soak.toNanos() / legs;
        // A (no certgate) is soaked too: the container's own heap under the same churn, the
        // baseline against which certgate's bounded caches are read.
        for (Map.Entry<String, ServerProcess> s : servers.entrySet()) {
            Case c = CASES.get(s.getKey());
            List<Long> heapKiB = new ArrayList<>();
            heapKiB.add(s.getValue().heapAfterGc() / 1024);
            log(
                    "soak on server %s: %d min, %,d certificates; heap after GC at start %,d KiB",
                    s.getKey(), o.soak.toMinutes(), o.soakCerts, heapKiB.get(0));
            LoadClient.Result total = new LoadClient.Result();
            for (long leg = 1; leg <= legs; leg++) {
                LoadClient.Result r = client(pki).run(s.getValue().port, o.connections, w, expected(c), legNanos, 0);
                total.add(r);
                total.elapsedNanos += r.elapsedNanos;
                heapKiB.add(s.getValue().heapAfterGc() / 1024);
                log(
                        "soak on server %s: leg %d/%d, %,d handshakes so far, %d wrong, heap after GC %,d KiB",
                        s.getKey(), leg, legs, total.handshakes, total.wrong, heapKiB.get(heapKiB.size() - 1));
            }
            notes.append(String.format(
                    Locale.ROOT,
                    "- Soak on server %s: %d s, %,d distinct certificates rotating"
                            + " (%,d handshakes, %,d requests, %.0f req/s, %d wrong, %d errors); heap after full GC:"
                            + " %,d KiB at start, %,d KiB at end; after each minute (KiB): %s.%n",
                    s.getKey(),
                    o.soak.toSeconds(),
                    o.soakCerts,
                    total.handshakes,
                    total.decisions(),
                    total.perSecond(),
                    total.wrong,
                    total.errors,
                    heapKiB.get(0),
                    heapKiB.get(heapKiB.size() - 1),
                    heapKiB.stream()
                            .map(k -> String.format(Locale.ROOT, "%,d", k))
                            .collect(Collectors.joining(" → "))));
            samples.add(new Sample("soak", s.getKey(), 1, total, 0, 0, 0, ThreadKinds.NONE));
        }
    }

    // ---------------------------------------------------------------- report

    private String report(ZonedDateTime started, String loadBefore, String loadAfter) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("Run of ")
                .append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(" on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs, ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.runtime.version"))
                .append(", ")
                .append(System.getProperty("os.name"))
                .append(' ')
                .append(System.getProperty("os.version"))
                .append(".\nLoad average before: ")
                .append(loadBefore)
                .append("; after: ")
                .append(loadAfter)
                .append(".\n")
                .append("Options: ")
                .append(o.describe())
                .append("\n\n");
        List<String> workloadNames =
                samples.stream().map(Sample::workload).distinct().toList();
        for (String w : workloadNames) {
            if (w.equals("soak")) {
                continue;
            }
            sb.append("Workload `")
                    .append(w)
                    .append("`: ")
                    .append(describeWorkload(w))
                    .append("\n\n");
            sb.append(
                    "| case | req/s median (min–max) | server CPU µs/req median (min–max)"
                            + " | of which JIT / GC and VM / certgate threads / rest, µs/req medians"
                            + " | server bytes allocated/req median (min–max) | p50 µs | p90 µs | p99 µs"
                            + " | p99.9 µs | decisions | wrong decisions | errors |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            List<String> caseNames = samples.stream()
                    .filter(s -> s.workload().equals(w))
                    .map(Sample::caseName)
                    .distinct()
                    .toList();
            for (String c : caseNames) {
                List<Sample> ss = of(w, c);
                Histogram merged = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                long wrong = 0;
                long errors = 0;
                long decided = 0;
                for (Sample s : ss) {
                    merged.add(s.result().latency);
                    decided += s.result().decisions();
                    wrong += s.result().wrong;
                    errors += s.result().errors;
                }
                sb.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %d | %d | %d |%n",
                        c,
                        spread(ss.stream().mapToDouble(Sample::rate).toArray(), "%.0f"),
                        spread(
                                ss.stream()
                                        .mapToDouble(Sample::cpuMicrosPerDecision)
                                        .toArray(),
                                "%.1f"),
                        String.format(
                                Locale.ROOT,
                                "%.1f / %.1f / %.1f / %.1f",
                                median(ss.stream()
                                        .mapToDouble(x -> x.kinds().jit())
                                        .toArray()),
                                median(ss.stream()
                                        .mapToDouble(x -> x.kinds().gc())
                                        .toArray()),
                                median(ss.stream()
                                        .mapToDouble(x -> x.kinds().certgate())
                                        .toArray()),
                                median(ss.stream()
                                        .mapToDouble(x -> x.kinds().rest())
                                        .toArray())),
                        spread(ss.stream().mapToDouble(Sample::bytesPerDecision).toArray(), "%.0f"),
                        merged.getValueAtPercentile(50) / 1000.0,
                        merged.getValueAtPercentile(90) / 1000.0,
                        merged.getValueAtPercentile(99) / 1000.0,
                        merged.getValueAtPercentile(99.9) / 1000.0,
                        decided,
                        wrong,
                        errors));
            }
            sb.append('\n');
            // Targets of issue 16: B at the container's CPU per request, C within 3 %, B within 5 % of the
            // floor on the invalid-client mix, B's per-new-chain cost at most the JDK validator's (churn).
            boolean keepAlive = w.equals("valid") || w.equals("single");
            double none = Double.NaN;
            ratios(sb, w, "B", "A", keepAlive ? 0.97 : none, keepAlive ? 1.00 : w.equals("churn") ? 1.00 : none);
            ratios(sb, w, "C", "A", keepAlive ? 0.95 : none, keepAlive ? 1.03 : none);
            ratios(sb, w, "F", "A", none, none);
            ratios(sb, w, "B", "F", none, w.equals("invalid") ? 1.05 : none);
            ratios(sb, w, "C", "F", none, none);
            ratios(sb, w, "A2", "A", none, none);
            ratios(sb, w, "B2", "B", none, none);
            ratios(sb, w, "C2", "C", none, none);
            ratios(sb, w, "F2", "F", none, none);
            ratios(sb, w, "B2", "A", none, none);
            ratios(sb, w, "B2", "F", none, none);
            // With the twins, each side as the mean of its two servers: what one server's JIT happened
            // to do weighs half as much.
            pooled(sb, w, List.of("B", "B2"), List.of("A", "A2"), keepAlive ? 1.00 : w.equals("churn") ? 1.00 : none);
            pooled(sb, w, List.of("C", "C2"), List.of("A", "A2"), keepAlive ? 1.03 : none);
            pooled(sb, w, List.of("B", "B2"), List.of("F", "F2"), w.equals("invalid") ? 1.05 : none);
            pooled(sb, w, List.of("C", "C2"), List.of("F", "F2"), none);
            pooled(sb, w, List.of("F", "F2"), List.of("A", "A2"), none);
            ratios(sb, w, "D", "A-new", none, none);
            ratios(sb, w, "B-new", "A-new", none, none);
            ratios(sb, w, "B-new", "F-new", none, none);
            if (w.equals("mix") || w.equals("rotate") || w.equals("invalid") || w.equals("churn")) {
                sb.append("- Decisions by client kind (attempts / correct), all repetitions: ");
                for (String c : caseNames) {
                    Map<Kind, long[]> byKind = new EnumMap<>(Kind.class);
                    for (Sample s : of(w, c)) {
                        s.result().perKind.forEach((k, v) -> {
                            long[] m = byKind.computeIfAbsent(k, x -> new long[2]);
                            m[0] += v[0];
                            m[1] += v[1];
                        });
                    }
                    sb.append(c).append(": ");
                    byKind.forEach((k, v) -> sb.append(String.format(
                            Locale.ROOT,
                            "%s %,d/%,d (%s) ",
                            k.name().toLowerCase(Locale.ROOT),
                            v[0],
                            v[1],
                            expected(CASES.get(c)).get(k).name().toLowerCase(Locale.ROOT))));
                    sb.append("; ");
                }
                sb.append('\n');
                if (w.equals("mix") || w.equals("invalid")) {
                    sb.append("- In A the unknown-CA, expired and certificate-less clients are refused at the TLS"
                            + " handshake, so each of their attempts costs a new connection: A's numbers here are not"
                            + " comparable with B/C (which answer them 403 on kept-alive connections).\n");
                }
            }
            sb.append('\n');
        }
        long wrong = samples.stream().mapToLong(s -> s.result().wrong).sum();
        long decisions = samples.stream().mapToLong(s -> s.result().decisions()).sum();
        sb.append(String.format(
                Locale.ROOT, "Wrong decisions across all measured runs: **%d** of %,d.%n", wrong, decisions));
        // One line per run to sum across runs: grep '^TOTALS' report-*.md | awk ...
        sb.append(String.format(
                Locale.ROOT,
                "%nTOTALS decisions=%d wrong=%d errors=%d failed=%d%n%n",
                decisions,
                wrong,
                samples.stream().mapToLong(s -> s.result().errors).sum(),
                failures.size()));
        for (String f : failures) {
            sb.append("- **RUN FAILED**: ").append(f).append('\n');
        }
        for (Map.Entry<String, String> u : unavailable.entrySet()) {
            sb.append("- Not measured: ")
                    .append(u.getKey())
                    .append(" — ")
                    .append(u.getValue())
                    .append('\n');
        }
        sb.append(notes);
        return sb.toString();
    }

    private String describeWorkload(String w) {
        return switch (w) {
            case "valid" -> o.connections + " keep-alive connections, all with the same valid certificate";
            case "single" -> "one keep-alive connection with a valid certificate (latency without queueing)";
            case "mix" ->
                o.connections + " threads; requests 80 % valid, 5 % each revoked, unknown CA, expired,"
                        + " no certificate (one keep-alive connection per kind and thread where the server keeps it;"
                        + " A refuses the last three at the handshake, so each of their attempts is a new connection)";
            case "rotate" ->
                o.connections + " connections, each closed after " + o.rotateRequestsPerConnection
                        + " requests; new connections rotate through "
                        + String.format(Locale.ROOT, "%,d", o.rotateCerts)
                        + " distinct valid certificates";
            case "invalid" ->
                o.connections + " threads; requests 70 % valid, 10 % each a stranger (unknown CA), an"
                        + " expired certificate, no certificate, each kind on its own keep-alive connection per thread"
                        + " (no handshakes in the window once warm, except in A, which refuses the invalid kinds at the"
                        + " handshake: compare B and C with the floor F)";
            case "churn" ->
                o.connections + " threads, a new TLS connection per request, each presenting the next of "
                        + String.format(Locale.ROOT, "%,d", o.churnCerts)
                        + " distinct valid certificates (per-new-chain"
                        + " cost: A pays the JDK's handshake validator, B certgate's verification, F the JDK trust"
                        + " manager called by the floor filter)";
            default -> w;
        };
    }

    private void ratios(StringBuilder sb, String w, String x, String base, double tputTarget, double cpuTarget) {
        List<Sample> xs = of(w, x);
        List<Sample> bs = of(w, base);
        if (xs.isEmpty() || bs.isEmpty()) {
            return;
        }
        int n = Math.min(xs.size(), bs.size());
        double[] tput = new double[n];
        double[] cpu = new double[n];
        double[] rest = new double[n];
        double[] p50 = new double[n];
        double[] p90 = new double[n];
        double[] alloc = new double[n];
        for (int i = 0; i < n; i++) {
            alloc[i] = xs.get(i).bytesPerDecision() - bs.get(i).bytesPerDecision();
            tput[i] = xs.get(i).rate() / bs.get(i).rate();
            cpu[i] = xs.get(i).cpuMicrosPerDecision() / bs.get(i).cpuMicrosPerDecision();
            rest[i] = xs.get(i).kinds().rest() / bs.get(i).kinds().rest();
            p50[i] = xs.get(i).pct(50) - bs.get(i).pct(50);
            p90[i] = xs.get(i).pct(90) - bs.get(i).pct(90);
        }
        sb.append(String.format(
                Locale.ROOT,
                "- %s/%s (per repetition, median (min–max) of %d): throughput %s%s;"
                        + " server CPU per request %s%s, 95 %% interval of the median %s%s"
                        + " (without JIT, GC and background threads %s, interval %s);"
                        + " added bytes allocated per request %s;"
                        + " added p50 %s µs, added p90 %s µs.%n",
                x,
                base,
                n,
                spread(tput, "%.3f"),
                Double.isNaN(tputTarget) ? "" : " (target ≥ " + tputTarget + ")",
                spread(cpu, "%.3f"),
                Double.isNaN(cpuTarget) ? "" : " (target ≤ " + cpuTarget + ")",
                medianInterval(cpu),
                Double.isNaN(cpuTarget) ? "" : ": " + verdict(cpu, cpuTarget),
                spread(rest, "%.3f"),
                medianInterval(rest),
                spread(alloc, "%.0f"),
                spread(p50, "%.1f"),
                spread(p90, "%.1f")));
    }

    /**
     * Per repetition, the mean server CPU per request of the {@code xs} servers over that of the
     * {@code bases}, of those measured in this run; only when one side has two.
     */
    private void pooled(StringBuilder sb, String w, List<String> allXs, List<String> allBases, double cpuTarget) {
        List<String> xs = allXs.stream().filter(c -> !of(w, c).isEmpty()).toList();
        List<String> bases = allBases.stream().filter(c -> !of(w, c).isEmpty()).toList();
        if (xs.isEmpty() || bases.isEmpty() || xs.size() + bases.size() < 3) {
            return;
        }
        List<List<Sample>> x = xs.stream().map(c -> of(w, c)).toList();
        List<List<Sample>> b = bases.stream().map(c -> of(w, c)).toList();
        int n = Integer.MAX_VALUE;
        for (List<Sample> l : x) {
            n = Math.min(n, l.size());
        }
        for (List<Sample> l : b) {
            n = Math.min(n, l.size());
        }
        if (n == 0 || n == Integer.MAX_VALUE) {
            return;
        }
        double[] cpu = new double[n];
        double[] rest = new double[n];
        for (int i = 0; i < n; i++) {
            int rep = i;
            cpu[i] = x.stream()
                            .mapToDouble(l -> l.get(rep).cpuMicrosPerDecision())
                            .average()
                            .orElseThrow()
                    / b.stream()
                            .mapToDouble(l -> l.get(rep).cpuMicrosPerDecision())
                            .average()
                            .orElseThrow();
            rest[i] = x.stream()
                            .mapToDouble(l -> l.get(rep).kinds().rest())
                            .average()
                            .orElseThrow()
                    / b.stream()
                            .mapToDouble(l -> l.get(rep).kinds().rest())
                            .average()
                            .orElseThrow();
        }
        sb.append(String.format(
                Locale.ROOT,
                "- **(%s)/(%s)**, means of the servers (per repetition, median (min–max) of %d): server CPU per request"
                        + " %s%s, 95 %% interval of the median %s%s (without JIT, GC and background threads %s,"
                        + " interval %s).%n",
                String.join("+", xs),
                String.join("+", bases),
                n,
                spread(cpu, "%.3f"),
                Double.isNaN(cpuTarget) ? "" : " (target ≤ " + cpuTarget + ")",
                medianInterval(cpu),
                Double.isNaN(cpuTarget) ? "" : ": " + verdict(cpu, cpuTarget),
                spread(rest, "%.3f"),
                medianInterval(rest)));
    }

    private List<Sample> of(String w, String c) {
        return samples.stream()
                .filter(s -> s.workload().equals(w) && s.caseName().equals(c))
                .toList();
    }

    /** The list started at index {@code by} (modulo its size), wrapping round. */
    static <T> List<T> rotated(List<T> list, int by) {
        if (list.isEmpty()) {
            return list;
        }
        int k = Math.floorMod(by, list.size());
        List<T> out = new ArrayList<>(list.subList(k, list.size()));
        out.addAll(list.subList(0, k));
        return out;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0
                ? Double.NaN
                : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * A distribution-free 95 % confidence interval of the median: the order statistics k and n+1-k,
     * k the largest with P(Binomial(n, 1/2) < k) ≤ 2.5 %. It assumes the repetitions are
     * independent draws, no more: "[a, b]" when n ≥ 6, else "n/a".
     */
    static double[] medianBounds(double[] values) {
        int n = values.length;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int k = 0;
        double below = 0; // P(X < k+1) for X ~ Binomial(n, 1/2)
        double term = Math.pow(0.5, n); // P(X = 0)
        while (k < n / 2) {
            below += term; // now P(X <= k) = P(X < k+1)
            if (below > 0.025) {
                break;
            }
            k++;
            term = term * (n - k + 1) / k;
        }
        if (k < 1) {
            return null;
        }
        return new double[] {sorted[k - 1], sorted[n - k]};
    }

    static String medianInterval(double[] values) {
        double[] b = medianBounds(values);
        return b == null ? "n/a" : String.format(Locale.ROOT, "[%.3f, %.3f]", b[0], b[1]);
    }

    /** Met when the whole interval is at or under the target, missed when all of it is over, else not shown. */
    static String verdict(double[] values, double target) {
        double[] b = medianBounds(values);
        if (b == null) {
            return "too few repetitions to tell";
        }
        return b[1] <= target ? "met" : b[0] > target ? "missed" : "not shown either way";
    }

    static String spread(double[] values, String fmt) {
        double[] v = values.clone();
        Arrays.sort(v);
        return String.format(Locale.ROOT, fmt + " (" + fmt + "–" + fmt + ")", median(v), v[0], v[v.length - 1]);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void log(String fmt, Object... args) {
        System.err.printf(Locale.ROOT, "[%tT] " + fmt + "%n", prepend(System.currentTimeMillis(), args));
        System.err.flush();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The JIT's share of a server's CPU under which it counts as settled. */
    private static final double SETTLED_JIT_SHARE = 0.01;

    private static final Duration SETTLE_SLICE = Duration.ofSeconds(5);

    /**
     * Runs the server's cases in 5 s slices until, over one slice, its JIT compilers used under 1 %
     * of its CPU, or {@code --settle} is spent. A server JVM compiles for minutes under load, and
     * CPU spent compiling is not what a request costs once the server has run for a while; a
     * fixed warm-up leaves more of it in the first repetitions of the case with more code to
     * compile. Needs /proc (Linux); without it, or with {@code --settle 0}, nothing happens.
     */
    private void settle(Pki pki, String name, ServerProcess server, List<Case> ofServer, List<Workload> selected)
            throws Exception {
        if (o.settle.isZero() || ofServer.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + o.settle.toNanos();
        double share = Double.NaN;
        int slices = 0;
        while (System.nanoTime() < deadline) {
            ServerProcess.Sample before = server.sample();
            for (Case c : ofServer) {
                for (Workload w : selected) {
                    LoadClient.Result r = warmUpClient(pki)
                            .run(
                                    server.port,
                                    o.connections,
                                    workload(w, c),
                                    expected(c),
                                    SETTLE_SLICE.toNanos() / Math.max(1, ofServer.size() * selected.size()),
                                    0);
                    checkWrong("settling " + c.name() + "/" + w.name(), r);
                }
            }
            ServerProcess.Sample after = server.sample();
            slices++;
            if (before.jitNanos() < 0) {
                log("server %s: no /proc, cannot tell when its JIT is quiet; not settling", name);
                return;
            }
            share = (double) (after.jitNanos() - before.jitNanos()) / Math.max(1, after.cpuNanos() - before.cpuNanos());
            if (share < SETTLED_JIT_SHARE) {
                break;
            }
        }
        log(
                "server %s settled after %d slice(s) of %d s: JIT %.1f %% of its CPU in the last",
                name, slices, SETTLE_SLICE.toSeconds(), share * 100);
        notes.append(String.format(
                Locale.ROOT,
                "- Server %s: %d settling slice(s) of %d s after the warm-up; JIT share of its CPU in the last: %.1f %%%s.%n",
                name,
                slices,
                SETTLE_SLICE.toSeconds(),
                share * 100,
                share < SETTLED_JIT_SHARE ? "" : " (not settled within --settle)"));
    }

    /** Command-line options. */
    static final class Options {
        Duration duration = Duration.ofSeconds(10);
        Duration warmup = Duration.ofSeconds(40);
        /** After the warm-up, at most this much more per server until its JIT is quiet (0: no settling). */
        Duration settle = Duration.ZERO;

        int reps = 6;
        int connections = 16;
        /** Requests per second over all connections (0: closed loop, as fast as the server answers). */
        double rate;

        long requests;
        List<String> cases = List.of("A", "B", "C", "D", "A-new");
        List<String> workloads = List.of("valid", "single", "mix", "rotate");
        int rotateCerts = 10_000;
        int rotateRequestsPerConnection = 10;
        int churnCerts = 100_000;
        int crlEntries = 100_000;
        String crlRefresh = "60s";
        String cCheckers = "ocsp,crl";
        Duration ocspValidity = Duration.ofSeconds(
                305); // 5 s over the default refresh-ahead (5m): the responder is asked every few seconds, so it fails
        // in every failure window
        boolean ocspFailMidRun = true;
        /** {@code --one-jvm}: all servers in one JVM (see {@code startInOneJvm}). */
        boolean oneJvm;

        Duration reloadEvery = Duration.ZERO;
        Duration soak = Duration.ZERO;
        int soakCerts = 100_000;
        List<String> serverJvmArgs = new ArrayList<>(List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC"));
        Path cProperties;
        Path dir;
        Path report;
        String raw = "";

        String describe() {
            return raw.isEmpty() ? "(defaults)" : raw;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            o.raw = String.join(" ", args);
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--duration" -> {
                        o.duration = duration(v);
                        i++;
                    }
                    case "--warmup" -> {
                        o.warmup = duration(v);
                        i++;
                    }
                    case "--settle" -> {
                        o.settle = duration(v);
                        i++;
                    }
                    case "--reps" -> {
                        o.reps = Integer.parseInt(v);
                        i++;
                    }
                    case "--connections" -> {
                        o.connections = Integer.parseInt(v);
                        i++;
                    }
                    case "--rate" -> {
                        o.rate = rate(v);
                        i++;
                    }
                    case "--requests" -> {
                        o.requests = Long.parseLong(v);
                        o.duration = Duration.ofDays(1);
                        i++;
                    }
                    case "--cases" -> {
                        o.cases = list(v);
                        i++;
                    }
                    case "--workloads" -> {
                        o.workloads = list(v);
                        i++;
                    }
                    case "--rotate-certs" -> {
                        o.rotateCerts = Integer.parseInt(v);
                        i++;
                    }
                    case "--rotate-requests-per-connection" -> {
                        o.rotateRequestsPerConnection = Integer.parseInt(v);
                        i++;
                    }
                    case "--churn-certs" -> {
                        o.churnCerts = Integer.parseInt(v);
                        i++;
                    }
                    case "--crl-entries" -> {
                        o.crlEntries = Integer.parseInt(v);
                        i++;
                    }
                    case "--crl-refresh" -> {
                        o.crlRefresh = v;
                        i++;
                    }
                    case "--c-checkers" -> {
                        o.cCheckers = v;
                        i++;
                    }
                    case "--ocsp-validity" -> {
                        o.ocspValidity = duration(v);
                        i++;
                    }
                    case "--no-ocsp-failure" -> o.ocspFailMidRun = false;
                    case "--one-jvm" -> o.oneJvm = true;
                    case "--reload-every" -> {
                        o.reloadEvery = duration(v);
                        i++;
                    }
                    case "--soak" -> {
                        o.soak = duration(v);
                        i++;
                    }
                    case "--soak-certs" -> {
                        o.soakCerts = Integer.parseInt(v);
                        i++;
                    }
                    case "--server-jvm-arg" -> {
                        o.serverJvmArgs.add(v);
                        i++;
                    }
                    case "--jfr" -> {
                        o.serverJvmArgs.add("-XX:StartFlightRecording=filename=" + v
                                + "/server-{server}.jfr,settings=profile,dumponexit=true");
                        i++;
                    }
                    case "--c-properties" -> {
                        o.cProperties = Path.of(v);
                        i++;
                    }
                    case "--dir" -> {
                        o.dir = Path.of(v).toAbsolutePath(); // file: URIs in the configs need it
                        i++;
                    }
                    case "--report" -> {
                        o.report = Path.of(v);
                        i++;
                    }
                    case "--help", "-h" -> {
                        System.out.println(help());
                        return null;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a + "\n" + help());
                }
            }
            if (o.oneJvm && o.soak.toNanos() > 0) {
                // The soak reads each server's heap after a full GC; in one JVM there is one heap.
                throw new IllegalArgumentException("--soak measures each server's own heap: run it without --one-jvm");
            }
            for (String c : o.cases) {
                if (!CASES.containsKey(c)) {
                    throw new IllegalArgumentException("unknown case " + c + " (known: " + CASES.keySet() + ")");
                }
            }
            return o;
        }

        /** {@code --rate}: requests per second, 0 or more (0: closed loop). */
        private static double rate(String v) {
            double r;
            try {
                r = v == null ? Double.NaN : Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                r = Double.NaN;
            }
            if (!(r >= 0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException(
                        "--rate: expected requests per second, a number >= 0 (0: closed loop), got " + v);
            }
            return r;
        }

        private static List<String> list(String v) {
            return Collections.unmodifiableList(Arrays.asList(v.split(",")));
        }

        private static Duration duration(String v) {
            String s = v.trim().toLowerCase(Locale.ROOT);
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            if (s.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            if (s.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(s));
        }

        static String help() {
            return """
                    java -cp benchmarks/target/benchmarks.jar dev.certgate.bench.load.LoadRun [options]
                      --duration 10s       each measured run            --warmup 40s   per server, before measuring
                      --settle 0s          after the warm-up, up to this much more per server, in 5 s slices, until
                                           its JIT compilers use under 1 % of its CPU (steady state; 0: off)
                      --reps 6             alternations (A B C D, B C D A, …)   --connections 16
                      --rate N             pace the client to N requests/s in all (0: closed loop, as fast as
                                           answered); every server is then measured at the same load
                      --requests N         bound each run by N requests instead of a duration
                      --cases A,B,C,D,A-new   (also B-new, F, F-new: F = the hand-written floor filter;
                                           A2, B2, C2, F2: twins of A, B, C, F, for the harness's own noise)
                      --workloads valid,single,mix,rotate   (also invalid: 30 % invalid clients, churn: a new
                                           connection and certificate per request)
                      --rotate-certs 10000 --rotate-requests-per-connection 10 --churn-certs 100000
                      --crl-entries 100000 --crl-refresh 60s --ocsp-validity 305s --no-ocsp-failure
                      --reload-every 2s    touch the CA bundle that often during runs: certgate reloads under load
                      --c-checkers ocsp,crl   revocation checkers of C/D, in order (first definitive answer wins)
                      --soak 10m --soak-certs 100000   memory soak on the certgate servers (off by default)
                      --one-jvm            all servers in one JVM, each with its own port and thread pool and
                                           measured by its threads' CPU (plus the JIT's, GC's and VM's while it
                                           is loaded): what differs between JVMs is then common to all cases
                      --server-jvm-arg ARG (repeatable; defaults -Xms512m -Xmx512m -XX:+UseG1GC; {server} = A, B, C)
                      --jfr DIR            JFR profile of every server JVM, written at exit
                      --c-properties FILE  certgate init-params for C/D instead of the built-in ones
                      --dir DIR            where the PKI, configs and server logs go (default: a temp dir)
                      --report FILE        also write the Markdown report there
                    """;
        }
    }

    @SuppressWarnings("unused")
    private static String firstLine(Process p) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            return r.readLine();
        }
    }
}
