package dev.certgate.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a load server's JFR recording ({@code LoadRun --jfr DIR}) around its filter: of the CPU
 * samples ({@code jdk.ExecutionSample}) and the sampled allocation ({@code jdk.ObjectAllocationSample},
 * by weight), how much falls inside the filter's own work (under {@code CertGateFilter.doFilter} or
 * {@code FloorFilter.doFilter}, not under the servlet the filter passes to), and which frames and
 * classes make it up. Usage: {@code JfrProfile <recording.jfr> [<top N>] [<from HH:MM:SS>]}: with a
 * time of day (UTC, as the load run's log prints it), only what was recorded from then on counts, so
 * the warm-up (cold code, the first verifications) can be left out of the measured repetitions.
 */
public final class JfrProfile {
    private static final List<String> FILTERS =
            List.of("dev.certgate.CertGateFilter.doFilter", "dev.certgate.bench.load.FloorFilter.doFilter");
    private static final String SERVLET = "dev.certgate.bench.load.LoadServlet.service";

    private JfrProfile() {}

    /** Counts (samples, or bytes) by key, printed largest first. */
    private static final class Tally {
        final Map<String, Long> byKey = new HashMap<>();
        long total;

        void add(String key, long weight) {
            byKey.merge(key, weight, Long::sum);
            total += weight;
        }

        void print(String title, long of, int top) {
            System.out.printf("%s: %,d (%.2f %% of %,d)%n", title, total, 100.0 * total / Math.max(1, of), of);
            byKey.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(top)
                    .forEach(e -> System.out.printf(
                            "  %6.2f %%  %,14d  %s%n",
                            100.0 * e.getValue() / Math.max(1, of), e.getValue(), e.getKey()));
        }
    }

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        java.time.LocalTime from = null;
        if (args.length > 2) {
            try {
                from = java.time.LocalTime.parse(args[2]);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "the third argument is a time of day, HH:MM:SS (UTC, as the load run logs it), got " + args[2]);
            }
        }
        long samples = 0;
        long allocated = 0;
        Tally cpuInFilter = new Tally();
        Tally cpuCallee = new Tally();
        Tally cpuSelf = new Tally();
        Tally cpuInclusive = new Tally();
        Tally allocInFilter = new Tally();
        Tally allocCallee = new Tally();
        Tally allocClass = new Tally();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            boolean cpu = type.equals("jdk.ExecutionSample");
            boolean alloc = type.equals("jdk.ObjectAllocationSample");
            if (!cpu && !alloc) {
                continue;
            }
            if (from != null
                    && e.getStartTime()
                            .atZone(java.time.ZoneOffset.UTC)
                            .toLocalTime()
                            .isBefore(from)) {
                continue;
            }
            long weight = cpu ? 1 : e.getLong("weight");
            if (cpu) {
                samples++;
            } else {
                allocated += weight;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            for (RecordedFrame f : st.getFrames()) {
                RecordedMethod m = f.getMethod();
                frames.add(m.getType().getName() + "." + m.getName());
            }
            int filter = -1;
            for (int i = 0; i < frames.size() && filter < 0; i++) {
                if (frames.get(i).equals(SERVLET)) {
                    break; // inside the application, not the filter's own work
                }
                if (FILTERS.contains(frames.get(i))) {
                    filter = i;
                }
            }
            if (filter < 0) {
                continue;
            }
            String self = frames.get(0);
            String callee = filter == 0 ? "(the filter's own code)" : frames.get(filter - 1);
            if (cpu) {
                cpuInFilter.add(frames.get(filter), 1);
                cpuCallee.add(callee, 1);
                cpuSelf.add(self, 1);
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int i = 0; i < filter; i++) {
                    if (seen.add(frames.get(i))) {
                        cpuInclusive.byKey.merge(frames.get(i), 1L, Long::sum);
                    }
                }
            } else {
                allocInFilter.add(frames.get(filter), weight);
                allocCallee.add(callee + " -> " + e.getClass("objectClass").getName(), weight);
                allocClass.add(e.getClass("objectClass").getName() + " @ " + self, weight);
            }
        }
        cpuInFilter.print("CPU samples in the filter's own work", samples, top);
        cpuCallee.print("  by the filter's direct callee", samples, top);
        cpuSelf.print("  by top frame", samples, top);
        cpuInclusive.total = cpuInFilter.total;
        cpuInclusive.print("  by frame, inclusive (a sample counts once per frame on its stack)", samples, top);
        allocInFilter.print("Sampled bytes allocated in the filter's own work", allocated, top);
        allocCallee.print("  by the filter's direct callee and class", allocated, top);
        allocClass.print("  by class and allocating frame", allocated, top);
    }
}
