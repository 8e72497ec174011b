package dev.certgate.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time and allocation of one server's threads when several servers share a JVM
 * ({@code LoadRun --one-jvm}): every thread of a server's pool is named {@link #PREFIX} + its name,
 * and those threads (acceptor, selector, request handling) do all of its request work. CPU time is
 * the JVM's per-thread user + system time (nanoseconds, not clock ticks); a thread's growth between
 * two readings is added up, so one that ended keeps what was counted of it.
 */
final class CaseThreads {
    static final String PREFIX = "case-";

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final String prefix;
    private final Map<Long, long[]> lastByThread = new HashMap<>();
    private long cpu;
    private long allocated;

    CaseThreads(String server) {
        // "case-B-12" but not "case-B2-3": the pool's threads are named <pool name>-<n>.
        this.prefix = PREFIX + server + "-";
    }

    /** {CPU ns, bytes allocated} of this server's threads so far. */
    synchronized long[] cpuAndAllocated() {
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids, 0);
        Map<Long, long[]> seen = new HashMap<>();
        for (ThreadInfo info : infos) {
            if (info == null || !info.getThreadName().startsWith(prefix)) {
                continue;
            }
            long id = info.getThreadId();
            long c = threads.getThreadCpuTime(id);
            long a = threads.getThreadAllocatedBytes(id);
            if (c < 0 || a < 0) {
                continue; // ended meanwhile
            }
            long[] before = lastByThread.getOrDefault(id, new long[2]);
            cpu += Math.max(0, c - before[0]);
            allocated += Math.max(0, a - before[1]);
            seen.put(id, new long[] {c, a});
        }
        lastByThread.clear();
        lastByThread.putAll(seen);
        return new long[] {cpu, allocated};
    }
}
