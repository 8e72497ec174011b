package dev.certgate.ops;

import java.util.Map;

/**
 * One value of the metrics view.
 *
 * @param name   e.g. {@code certgate_requests_total} (documented in docs/operations.md)
 * @param type   counter (only grows, across reloads too) or gauge
 * @param help   one line saying what it counts
 * @param labels bounded labels: group and rule ids, actions, statuses — never a serial or a DN
 * @param value  the value now
 */
public record Metric(String name, Type type, String help, Map<String, String> labels, double value) {
    public enum Type {
        COUNTER,
        GAUGE
    }

    public Metric {
        labels = Map.copyOf(labels);
    }

    /** {@code name{a="x",b="y"}} with labels sorted: a stable key for JMX and tests. */
    public String key() {
        if (labels.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('{');
        new java.util.TreeMap<>(labels)
                .forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
        sb.setLength(sb.length() - 1);
        return sb.append('}').toString();
    }
}
