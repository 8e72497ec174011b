package dev.certgate.internal.ops;

import dev.certgate.internal.facts.ClientCertificate;
import dev.certgate.internal.facts.RequestFacts;
import dev.certgate.internal.policy.Action;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.Policy;
import dev.certgate.internal.policy.Rule;
import dev.certgate.internal.revocation.RevocationResult;
import dev.certgate.internal.rules.Field;
import dev.certgate.internal.rules.FieldValues;
import dev.certgate.internal.rules.IpAddress;
import dev.certgate.ops.DecisionEvent;
import dev.certgate.ops.DecisionEventSink;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one mechanism for recording decisions: blocks, report-only would-blocks and {@code log}
 * matches. Each is counted per rule and reason; the first few per rule and client address in a
 * window become a JSON line on the {@code dev.certgate.events} logger (and go to the sinks), the
 * rest are only counted, and once per window every active rule gets a summary line with its counts
 * by reason and how many events were suppressed. A flood of refused clients therefore costs a few
 * counter increments per request and writes a bounded number of lines; nothing is formatted for a
 * suppressed event.
 */
public final class DecisionEvents implements Policy.Reporter {
    /** The logger of the JSON lines, so they can be routed apart from certgate's other messages. */
    public static final String LOGGER_NAME = "dev.certgate.events";

    private static final Logger LOG = System.getLogger(LOGGER_NAME);
    private static final Logger GATE = System.getLogger("dev.certgate");
    private static final int CLIENT_SLOTS = 4096;
    private static final int RECENT = 50;

    /** Why the rule matched, as far as the certificate tells: a bounded label for counts. */
    enum Reason {
        NO_CERTIFICATE,
        UNVERIFIED,
        REVOKED,
        VERIFIED;

        final String label = name().toLowerCase(java.util.Locale.ROOT);
    }

    private final Clock clock;
    private final List<DecisionEventSink> sinks;
    private volatile EventLimits limits;
    private final Slot[] slots = new Slot[CLIENT_SLOTS];
    private final Map<HostGroup, Map<Rule, Tally>> tallies = new ConcurrentHashMap<>();
    private final ArrayDeque<DecisionEvent> recent = new ArrayDeque<>();
    private final LongAdder written = new LongAdder();
    private final LongAdder suppressed = new LongAdder();

    DecisionEvents(Clock clock, EventLimits limits, List<DecisionEventSink> sinks) {
        this.clock = clock;
        this.limits = limits;
        this.sinks = List.copyOf(sinks);
    }

    void limits(EventLimits limits) {
        this.limits = limits;
    }

    EventLimits limits() {
        return limits;
    }

    /** Log matches and would-blocks, from {@link Policy#evaluate}. */
    @Override
    public void report(HostGroup group, Rule rule, boolean wouldBlock, FieldValues values) {
        if (values instanceof RequestFacts facts) {
            record(wouldBlock ? "would_block" : "log", group, rule, facts);
        }
    }

    /** A block, after the decision. */
    public void blocked(HostGroup group, Rule rule, RequestFacts facts) {
        record("block", group, rule, facts);
    }

    /**
     * The pseudo-rule of report-only refusals of forwarded certificate headers from a peer that is
     * not a trusted proxy; its id cannot clash with a configured rule's (no {@code :} allowed there).
     */
    static final Rule UNTRUSTED_FORWARDING = new Rule(
            "certgate:untrusted-forwarded-certificate",
            "forwarded certificate headers from a peer that is not a trusted proxy",
            null,
            Action.BLOCK,
            true,
            null,
            "certgate.forwarded-cert.from-untrusted");

    /**
     * A request that {@code forwarded-cert.from-untrusted} would have refused, in report-only mode: a
     * would-block event like any other, so a flood of such requests writes a bounded number of lines.
     */
    public void wouldRefuseForwarding(HostGroup group, RequestFacts facts) {
        record("would_block", group, UNTRUSTED_FORWARDING, facts);
    }

    private void record(String kind, HostGroup group, Rule rule, RequestFacts facts) {
        ClientCertificate cert = facts.clientCertificate();
        RevocationResult revocation = cert.revocationIfChecked();
        Reason reason = !cert.presented()
                ? Reason.NO_CERTIFICATE
                : !cert.verified()
                        ? Reason.UNVERIFIED
                        : revocation != null && revocation.revoked() ? Reason.REVOKED : Reason.VERIFIED;
        long now = clock.millis();
        Tally tally = tally(group, rule, kind);
        tally.reasons[reason.ordinal()].increment();
        EventLimits l = limits;
        // Under a flood the rule's budget is spent: counted only, without reading the client's
        // address (the container formats it anew on every call) for a client budget that cannot
        // matter. Only events the rule's budget still allows use their client's budget.
        boolean spent = tally.spent(now, l);
        IpAddress client = spent ? null : facts.remoteAddress(); // ip.src, without a per-request values array
        if (spent || !admitClient(rule, client, now, l) || !tally.admit(now, l)) {
            tally.suppressed.increment();
            suppressed.increment();
            return;
        }
        Level level = kind.equals("would_block") ? Level.WARNING : Level.INFO;
        boolean logged = LOG.isLoggable(level);
        DecisionEvent event = event(kind, group, rule, reason, facts, cert, revocation, client, now);
        remember(event);
        written.increment();
        if (logged) {
            LOG.log(level, Json.event(event));
        }
        toSinks(sink -> sink.accept(event));
    }

    /** Hands something to every sink; a failing sink is logged and does not stop the others. */
    private void toSinks(java.util.function.Consumer<DecisionEventSink> delivery) {
        for (DecisionEventSink sink : sinks) {
            try {
                delivery.accept(sink);
            } catch (RuntimeException e) {
                GATE.log(
                        Level.WARNING,
                        "certgate: decision event sink " + sink.getClass().getName() + " failed: " + e);
            }
        }
    }

    private Tally tally(HostGroup group, Rule rule, String kind) {
        Map<Rule, Tally> byRule = tallies.get(group);
        if (byRule == null) {
            byRule = tallies.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
        }
        Tally t = byRule.get(rule);
        return t != null ? t : byRule.computeIfAbsent(rule, r -> new Tally(group.id(), rule, kind));
    }

    /** The first {@code perClient} events per rule and client in a window. */
    private boolean admitClient(Rule rule, IpAddress client, long now, EventLimits l) {
        int index =
                (System.identityHashCode(rule) * 31 + (client == null ? 0 : client.hashCode())) & (CLIENT_SLOTS - 1);
        Slot s = slots[index];
        if (s == null
                || s.rule != rule
                || !java.util.Objects.equals(s.client, client)
                || now - s.windowStart >= l.windowMillis()) {
            // A new client (or one whose slot a collision took) starts a new window: still bounded by the rule's
            // budget.
            slots[index] = new Slot(rule, client, now);
            return l.perClient() > 0;
        }
        // Over the limit: only read, so a flood from one client does not contend on the slot.
        return s.count.get() < l.perClient() && s.count.incrementAndGet() <= l.perClient();
    }

    private DecisionEvent event(
            String kind,
            HostGroup group,
            Rule rule,
            Reason reason,
            RequestFacts facts,
            ClientCertificate cert,
            RevocationResult revocation,
            IpAddress client,
            long now) {
        boolean presented = cert.presented();
        return new DecisionEvent(
                Instant.ofEpochMilli(now),
                kind,
                facts.bytes(Field.HTTP_HOST),
                group.id(),
                rule.id(),
                rule.action().configName(),
                reason.label,
                facts.request().getRequestURI(),
                client == null ? "" : client.toString(),
                presented ? cert.facts().subjectDn() : "",
                presented ? cert.facts().issuerDn() : "",
                presented ? cert.facts().serial() : "",
                presented ? cert.facts().fingerprintSha256() : "",
                presented ? cert.verifyError() : "",
                revocation == null ? "unchecked" : revocation.status().name().toLowerCase(java.util.Locale.ROOT),
                revocation == null ? "" : revocation.source());
    }

    private void remember(DecisionEvent event) {
        synchronized (recent) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(event);
        }
    }

    /** The latest written events, newest first (at most 50). */
    public List<DecisionEvent> recent() {
        synchronized (recent) {
            List<DecisionEvent> list = new ArrayList<>(recent);
            java.util.Collections.reverse(list);
            return list;
        }
    }

    /** Events written (logged and given to the sinks) since start-up. */
    public long written() {
        return written.sum();
    }

    /** Events only counted since start-up, over the rate limit. */
    public long suppressed() {
        return suppressed.sum();
    }

    /**
     * Writes the summary of every rule that matched since the last summary and starts a new
     * period; rules of replaced policies disappear once they are quiet. Called once per window.
     */
    public void summarize() {
        long windowSeconds = Math.max(1, limits.windowMillis() / 1000);
        for (Map.Entry<HostGroup, Map<Rule, Tally>> byGroup : tallies.entrySet()) {
            Map<Rule, Tally> byRule = byGroup.getValue();
            byRule.values().removeIf(t -> {
                Map<String, Long> reasons = new LinkedHashMap<>();
                long total = 0;
                for (Reason r : Reason.values()) {
                    long n = t.reasons[r.ordinal()].sumThenReset();
                    if (n > 0) {
                        reasons.put(r.label, n);
                        total += n;
                    }
                }
                long quiet = t.suppressed.sumThenReset();
                if (total == 0) {
                    return true;
                }
                StringBuilder sb = new StringBuilder(256);
                Json.object(sb)
                        .field("time", clock.instant().toString())
                        .field("event", "summary")
                        .field("window_seconds", windowSeconds)
                        .field("group", t.group)
                        .field("rule", t.rule.id())
                        .field("action", t.rule.action().configName())
                        .field("kind", t.kind)
                        .field("matches", total)
                        .counts("reasons", reasons)
                        .field("suppressed", quiet)
                        .end();
                String json = sb.toString();
                LOG.log(Level.INFO, json);
                toSinks(sink -> sink.summary(json));
                return false;
            });
            if (byRule.isEmpty()) {
                tallies.remove(byGroup.getKey(), byRule);
            }
        }
    }

    /** Where one client of one rule stands in its window. Replaced, never reset, so racy reads are safe. */
    private static final class Slot {
        final Rule rule;
        final IpAddress client;
        final long windowStart;
        final AtomicInteger count = new AtomicInteger(1);

        Slot(Rule rule, IpAddress client, long windowStart) {
            this.rule = rule;
            this.client = client;
            this.windowStart = windowStart;
        }
    }

    /** One rule's counts in the current summary period and its budget of written events. */
    private static final class Tally {
        final String group;
        final Rule rule;
        final String kind;
        final LongAdder[] reasons = new LongAdder[Reason.values().length];
        final LongAdder suppressed = new LongAdder();
        final AtomicLong windowStart = new AtomicLong(Long.MIN_VALUE);
        final AtomicInteger inWindow = new AtomicInteger();

        Tally(String group, Rule rule, String kind) {
            this.group = group;
            this.rule = rule;
            this.kind = kind;
            for (int i = 0; i < reasons.length; i++) {
                reasons[i] = new LongAdder();
            }
        }

        /** Whether this window's budget is used up (only reads: it stays so until the window ends). */
        boolean spent(long now, EventLimits l) {
            long start = windowStart.get();
            return start != Long.MIN_VALUE && now - start < l.windowMillis() && inWindow.get() >= l.perRule();
        }

        /** The rule's budget: at most {@code perRule} written events per window, whatever the clients. */
        boolean admit(long now, EventLimits l) {
            long start = windowStart.get();
            if (start == Long.MIN_VALUE || now - start >= l.windowMillis()) {
                if (windowStart.compareAndSet(start, now)) {
                    inWindow.set(0);
                }
            }
            return inWindow.get() < l.perRule() && inWindow.incrementAndGet() <= l.perRule();
        }
    }
}
