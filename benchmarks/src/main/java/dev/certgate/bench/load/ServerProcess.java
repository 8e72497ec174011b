package dev.certgate.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** A {@link LoadServer} in a child JVM, driven over its stdin/stdout. */
final class ServerProcess implements AutoCloseable {
    final String name;
    final int port;
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    /** CPU time and counters of the server process at one moment. */
    /** One reading; jitNanos, gcThreadNanos and certgateThreadNanos are {@link ThreadCpu}'s (-1 without /proc). */
    record Sample(
            long cpuNanos,
            long servletRequests,
            long gcCount,
            long gcMillis,
            long allocatedBytes,
            long jitNanos,
            long gcThreadNanos,
            long certgateThreadNanos) {}

    private ServerProcess(String name, int port, Process process, BufferedReader out, PrintWriter in) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.out = out;
        this.in = in;
    }

    /** Starts the server; throws with the server's reason when it does not start. */
    static ServerProcess start(String name, String mode, Path dir, Path properties, List<String> jvmArgs, Path log)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : jvmArgs) {
            cmd.add(arg.replace("{server}", name));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LoadServer.class.getName());
        cmd.add(mode);
        cmd.add(dir.toString());
        if (properties != null) {
            cmd.add(properties.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
        String line = out.readLine();
        // The JVM may print first (e.g. JFR's start-up line): skip to READY or FAILED.
        while (line != null && !line.startsWith("READY ") && !line.startsWith("FAILED ")) {
            line = out.readLine();
        }
        if (line == null || !line.startsWith("READY ")) {
            p.destroy();
            throw new IOException("server " + name + " did not start: "
                    + (line == null ? "no output, see " + log : line) + " (log: " + log + ")");
        }
        return new ServerProcess(name, Integer.parseInt(line.substring(6).trim()), p, out, in);
    }

    synchronized Sample sample() throws IOException {
        String[] f = ask("cpu", "CPU ").split(" ");
        return new Sample(
                Long.parseLong(f[1]),
                Long.parseLong(f[2]),
                Long.parseLong(f[3]),
                Long.parseLong(f[4]),
                Long.parseLong(f[5]),
                Long.parseLong(f[6]),
                Long.parseLong(f[7]),
                Long.parseLong(f[8]));
    }

    /** certgate's revocation answers so far, by source (ocsp, crl, none); all zero without certgate. */
    synchronized Map<String, Long> revocationAnswers() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        for (String pair : ask("revocation", "REVOCATION ").substring(11).trim().split(" ")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return out;
    }

    /** Heap in use after a full GC, in bytes. */
    synchronized long heapAfterGc() throws IOException {
        return Long.parseLong(ask("heap", "HEAP ").substring(5).trim());
    }

    private String ask(String command, String prefix) throws IOException {
        in.println(command);
        String line = out.readLine();
        while (line != null && !line.startsWith(prefix) && !line.startsWith("ERROR") && line.startsWith("[")) {
            line = out.readLine(); // JVM log lines such as JFR's
        }
        if (line == null || !line.startsWith(prefix)) {
            throw new IOException("server " + name + " answered '" + line + "' to " + command);
        }
        return line;
    }

    @Override
    public void close() {
        try {
            in.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
