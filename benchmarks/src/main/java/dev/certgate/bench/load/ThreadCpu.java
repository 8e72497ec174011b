package dev.certgate.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server process's CPU time by kind of thread, from Linux's {@code /proc/self/task}: the JIT
 * compilers, the garbage collector and VM threads, certgate's own background threads, and the rest
 * (Jetty's acceptors, selectors and request threads). Process CPU time counts all of them, while
 * a JFR execution profile samples Java threads only; this tells how much of a case's CPU per
 * request is the JIT still compiling or the collector, rather than the request path. Clock-tick
 * resolution (10 ms at 100 Hz); a thread that ended between two readings takes its time with it,
 * so {@code rest} is process CPU minus the other kinds.
 */
final class ThreadCpu {
    /** Linux's USER_HZ, the unit of utime and stime in {@code stat}: 100 on every mainstream kernel. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ThreadCpu() {}

    /** {@code jit gc certgate} CPU nanoseconds so far, space-separated; {@code -1 -1 -1} where /proc is absent. */
    static String byKind() {
        long jit = 0;
        long gc = 0;
        long certgate = 0;
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return "-1 -1 -1";
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
            for (Path task : all) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException ended) {
                    continue;
                }
                // pid (comm) state ppid … : comm may hold spaces, so fields count from the last ')'
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                long nanos = ticks * NANOS_PER_TICK;
                if (name.contains("CompilerThre") || name.startsWith("C1 ") || name.startsWith("C2 ")) {
                    jit += nanos;
                } else if (name.startsWith("GC ")
                        || name.startsWith("G1 ")
                        || name.equals("VM Thread")
                        || name.startsWith("VM Periodic")) {
                    gc += nanos;
                } else if (name.startsWith("certgate")) {
                    certgate += nanos;
                }
            }
        } catch (IOException | RuntimeException e) {
            return "-1 -1 -1";
        }
        return jit + " " + gc + " " + certgate;
    }
}
