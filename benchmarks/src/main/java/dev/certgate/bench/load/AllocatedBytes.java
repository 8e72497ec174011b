package dev.certgate.bench.load;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes allocated by all threads of this JVM so far ({@code ThreadMXBean.getThreadAllocatedBytes}):
 * what a server allocates per request does not depend on the machine's load, unlike its CPU time,
 * so a per-request allocation gap shows in every run. The JVM counts per live thread; this adds up
 * each thread's growth between calls, so a thread that ends (Jetty shrinks its pool) keeps what
 * was counted of it instead of making the total fall.
 */
final class AllocatedBytes {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> lastByThread = new HashMap<>();
    private long total;

    synchronized long total() {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> seen = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] < 0) {
                continue; // ended meanwhile, or not supported
            }
            Long before = lastByThread.get(ids[i]);
            total += Math.max(0, bytes[i] - (before == null ? 0 : before));
            seen.put(ids[i], bytes[i]);
        }
        lastByThread.clear();
        lastByThread.putAll(seen);
        return total;
    }
}
