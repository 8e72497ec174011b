package dev.certgate.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summarises a CPU profile in collapsed-stack form (one line per stack, root first, frames
 * separated by {@code ;}, then a space and the sample count: what async-profiler writes with
 * {@code -o collapsed}) around the load server's filter, as {@link JfrProfile} does for JFR: the
 * share of all samples under {@code CertGateFilter.doFilter} or {@code FloorFilter.doFilter} but not
 * under the servlet it passes to; that share split by where the sampled frame is (certgate's code,
 * a container method the filter called, the JDK, the kernel); and the frames under the filter by
 * inclusive and by self samples (for self, an interrupt's kernel frames count to the frame it hit). Unlike JFR's execution sampler, which sees only threads running
 * Java code, a CPU-time profiler sees native and kernel time too.
 * Usage: {@code CollapsedProfile <profile.collapsed> [<top N>]}.
 */
public final class CollapsedProfile {
    private static final List<String> FILTERS =
            List.of("dev/certgate/CertGateFilter.doFilter", "dev/certgate/bench/load/FloorFilter.doFilter");
    private static final String SERVLET = "dev/certgate/bench/load/LoadServlet.service";

    private CollapsedProfile() {}

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        long total = 0;
        long inFilter = 0;
        Map<String, Long> where = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            if (line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            long n;
            try {
                n = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[0] + ", line " + number
                        + ": expected frames separated by ';', a space and a sample count (async-profiler's"
                        + " -o collapsed)");
            }
            total += n;
            String[] frames = line.substring(0, space).split(";");
            int filter = -1;
            for (int i = 0; i < frames.length && filter < 0; i++) {
                if (FILTERS.stream().anyMatch(frames[i]::startsWith)) {
                    filter = i;
                }
            }
            if (filter < 0 || under(frames, filter, SERVLET)) {
                continue;
            }
            inFilter += n;
            where.merge(kind(frames, filter), n, Long::sum);
            Set<String> seen = new HashSet<>();
            for (int i = filter + 1; i < frames.length; i++) {
                if (seen.add(frames[i])) {
                    inclusive.merge(frames[i], n, Long::sum);
                }
            }
            self.merge(lastJavaOrNative(frames, filter), n, Long::sum);
        }
        System.out.printf("samples %,d, under the filter %,d (%.2f %%)%n", total, inFilter, pct(inFilter, total));
        print("  by where the sampled frame is", where, total, top);
        print("  frames under the filter, inclusive", inclusive, total, top);
        print("  frames under the filter, self (kernel frames folded into their caller)", self, total, top);
    }

    private static boolean under(String[] frames, int from, String method) {
        for (int i = from + 1; i < frames.length; i++) {
            if (frames[i].startsWith(method)) {
                return true;
            }
        }
        return false;
    }

    /** certgate's code, a container call (the outermost Jetty frame under the filter), the JDK, the kernel. */
    private static String kind(String[] frames, int filter) {
        for (int i = filter + 1; i < frames.length; i++) {
            if (frames[i].startsWith("org/eclipse/jetty/")) {
                return "container call: " + frames[i].substring(frames[i].lastIndexOf('/') + 1);
            }
        }
        String sampled = frames[frames.length - 1];
        if (sampled.endsWith("_[k]")) {
            return "kernel";
        }
        return sampled.startsWith("dev/certgate/") ? "certgate" : "JDK and other";
    }

    /** The innermost frame that is not the kernel's (interrupts land on any frame). */
    private static String lastJavaOrNative(String[] frames, int filter) {
        int i = frames.length - 1;
        while (i > filter && frames[i].endsWith("_[k]")) {
            i--;
        }
        return frames[i];
    }

    private static void print(String title, Map<String, Long> counts, long total, int top) {
        System.out.println(title + ":");
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (Map.Entry<String, Long> e : sorted.subList(0, Math.min(top, sorted.size()))) {
            System.out.printf("  %6.2f %%  %,10d  %s%n", pct(e.getValue(), total), e.getValue(), e.getKey());
        }
    }

    private static double pct(long part, long of) {
        return 100.0 * part / Math.max(1, of);
    }
}
