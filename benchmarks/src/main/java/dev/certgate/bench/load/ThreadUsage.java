package dev.certgate.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time and the bytes allocated so far by a set of this JVM's threads: all of them (what a
 * server allocates per request does not depend on the machine's load, unlike its CPU time), or,
 * when several servers share the JVM ({@code LoadRun --one-jvm}), one server's, whose pool threads
 * are all named {@link #PREFIX} + its name. CPU time is the JVM's per-thread user + system time in
 * nanoseconds. The JVM counts per live thread; this adds up each thread's growth between calls, so
 * a thread that ends (Jetty shrinks its pool) keeps what was counted of it instead of making the
 * total fall.
 */
final class ThreadUsage {
    static final String PREFIX = "case-";

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Names of the threads counted start with this; empty for all threads. */
    private final String prefix;

    private final Map<Long, long[]> lastByThread = new HashMap<>();
    private long cpu;
    private long allocated;

    private ThreadUsage(String prefix) {
        this.prefix = prefix;
    }

    /** Every thread of the JVM. */
    static ThreadUsage all() {
        return new ThreadUsage("");
    }

    /** One server's pool when several share the JVM: "case-B-12" but not "case-B2-3". */
    static ThreadUsage ofServer(String server) {
        return new ThreadUsage(PREFIX + server + "-");
    }

    /** {CPU ns, bytes allocated} of these threads so far. */
    synchronized long[] cpuAndAllocated() {
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = prefix.isEmpty() ? null : threads.getThreadInfo(ids, 0);
        Map<Long, long[]> seen = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos != null && (infos[i] == null || !infos[i].getThreadName().startsWith(prefix))) {
                continue;
            }
            long c = threads.getThreadCpuTime(ids[i]);
            long a = threads.getThreadAllocatedBytes(ids[i]);
            if (c < 0 || a < 0) {
                continue; // ended meanwhile, or not supported
            }
            long[] before = lastByThread.getOrDefault(ids[i], new long[2]);
            cpu += Math.max(0, c - before[0]);
            allocated += Math.max(0, a - before[1]);
            seen.put(ids[i], new long[] {c, a});
        }
        lastByThread.clear();
        lastByThread.putAll(seen);
        return new long[] {cpu, allocated};
    }
}
