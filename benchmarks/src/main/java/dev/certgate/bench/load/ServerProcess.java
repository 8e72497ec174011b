package dev.certgate.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LoadServer} in a child JVM, driven over its stdin/stdout: the JVM's only server, or one
 * of several sharing it ({@link #startAll}), which then answer for their own threads.
 */
final class ServerProcess implements AutoCloseable {
    final String name;
    final int port;
    /** The name the child knows this server by: empty when it is the JVM's only one. */
    private final String inChild;

    private final Child child;

    /** The child JVM and its pipes, shared by the servers it runs. */
    private static final class Child {
        final Process process;
        final BufferedReader out;
        final PrintWriter in;
        boolean closed;

        Child(Process process, BufferedReader out, PrintWriter in) {
            this.process = process;
            this.out = out;
            this.in = in;
        }
    }

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

    private ServerProcess(String name, int port, String inChild, Child child) {
        this.name = name;
        this.port = port;
        this.inChild = inChild;
        this.child = child;
    }

    /** Starts the server; throws with the server's reason when it does not start. */
    static ServerProcess start(String name, String mode, Path dir, Path properties, List<String> jvmArgs, Path log)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(mode, dir.toString()));
        if (properties != null) {
            args.add(properties.toString());
        }
        Child child = launch(name, args, jvmArgs, log);
        String ports = ready(name, child, log);
        return new ServerProcess(name, Integer.parseInt(ports.trim()), "", child);
    }

    /** One server to start among several in one JVM: its name, mode and certgate properties (or null). */
    record Spec(String name, String mode, Path properties) {}

    /**
     * Starts several servers in one child JVM (named {@code all} in its log and JFR file names),
     * each on its own port with its own thread pool; throws with the reason when they do not start.
     */
    static Map<String, ServerProcess> startAll(List<Spec> specs, Path dir, List<String> jvmArgs, Path log)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("cases", dir.toString()));
        for (Spec s : specs) {
            args.add(s.name() + ":" + s.mode() + (s.properties() == null ? "" : ":" + s.properties()));
        }
        Child child = launch("all", args, jvmArgs, log);
        Map<String, ServerProcess> servers = new LinkedHashMap<>();
        for (String pair : ready("all", child, log).trim().split(" ")) {
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq);
            servers.put(name, new ServerProcess(name, Integer.parseInt(pair.substring(eq + 1)), name, child));
        }
        return servers;
    }

    private static Child launch(String name, List<String> args, List<String> jvmArgs, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : jvmArgs) {
            cmd.add(arg.replace("{server}", name));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LoadServer.class.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
        return new Child(p, out, in);
    }

    /** What follows {@code READY } in the child's first line: its port, or name=port pairs. */
    private static String ready(String name, Child child, Path log) throws IOException {
        Process p = child.process;
        BufferedReader out = child.out;
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
        return line.substring(6);
    }

    Sample sample() throws IOException {
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
    Map<String, Long> revocationAnswers() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        for (String pair : ask("revocation", "REVOCATION ").substring(11).trim().split(" ")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return out;
    }

    /** Heap in use after a full GC, in bytes. */
    long heapAfterGc() throws IOException {
        return Long.parseLong(ask("heap", "HEAP ").substring(5).trim());
    }

    /** Asks the child; the heap command is the JVM's, the others this server's. */
    private String ask(String command, String prefix) throws IOException {
        synchronized (child) {
            child.in.println(inChild.isEmpty() || command.equals("heap") ? command : command + " " + inChild);
            String line = child.out.readLine();
            while (line != null && !line.startsWith(prefix) && !line.startsWith("ERROR") && line.startsWith("[")) {
                line = child.out.readLine(); // JVM log lines such as JFR's
            }
            if (line == null || !line.startsWith(prefix)) {
                throw new IOException("server " + name + " answered '" + line + "' to " + command);
            }
            return line;
        }
    }

    /** Stops the child JVM (once, when it runs several servers). */
    @Override
    public void close() {
        synchronized (child) {
            if (child.closed) {
                return;
            }
            child.closed = true;
            try {
                child.in.println("quit");
                if (!child.process.waitFor(10, TimeUnit.SECONDS)) {
                    child.process.destroy();
                }
            } catch (InterruptedException e) {
                child.process.destroy();
                Thread.currentThread().interrupt();
            }
        }
    }
}
