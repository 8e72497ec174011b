package dev.certgate.internal.forwarding;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * The policy's forwarding: the host a trusted proxy reports (global, as it picks the host group)
 * and each host group's {@link GroupForwarding}. {@link #OFF} unless configured.
 */
public final class Forwarding {
    public static final Forwarding OFF =
            new Forwarding(TrustedProxies.NONE, ForwardedHost.Source.NONE, Map.of(), new ForwardingCounters());

    private final TrustedProxies hostProxies;
    private final ForwardedHost.Source hostSource;
    private final Map<String, GroupForwarding> groups;
    private final ForwardingCounters counters;
    private final boolean off;

    /** @param groups by host group id; a group not listed has forwarding off */
    public Forwarding(
            TrustedProxies hostProxies,
            ForwardedHost.Source hostSource,
            Map<String, GroupForwarding> groups,
            ForwardingCounters counters) {
        this.hostProxies = hostProxies;
        this.hostSource = hostSource;
        this.groups = Map.copyOf(groups);
        this.counters = counters;
        this.off = (hostSource == ForwardedHost.Source.NONE || hostProxies.isEmpty())
                && this.groups.values().stream().allMatch(GroupForwarding::isOff);
    }

    /** The raw host to select the group by: the one a trusted proxy reports when configured, else the client's. */
    public String host(HttpServletRequest request, String clientHost) {
        if (off || hostSource == ForwardedHost.Source.NONE || !hostProxies.contains(request.getRemoteAddr())) {
            return clientHost;
        }
        String forwarded = ForwardedHost.of(request, hostSource);
        return forwarded != null ? forwarded : clientHost;
    }

    public RequestIdentity identify(String groupId, HttpServletRequest request) {
        if (off) {
            return RequestIdentity.DIRECT;
        }
        GroupForwarding g = groups.get(groupId);
        return g == null ? RequestIdentity.DIRECT : g.identify(request);
    }

    public boolean isOff() {
        return off;
    }

    public ForwardingCounters counters() {
        return counters;
    }

    /** For the start-up log: one phrase per group with forwarding on, or null when all is off. */
    public String describe() {
        if (off) {
            return null;
        }
        StringBuilder sb = new StringBuilder("forwarding: ");
        if (hostSource != ForwardedHost.Source.NONE) {
            sb.append("host from ")
                    .append(hostSource.configName())
                    .append(" of ")
                    .append(hostProxies)
                    .append("; ");
        }
        groups.entrySet().stream()
                .filter(e -> !e.getValue().isOff())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append("group ")
                        .append(e.getKey())
                        .append(": ")
                        .append(e.getValue().describe())
                        .append("; "));
        return sb.substring(0, sb.length() - 2);
    }
}
