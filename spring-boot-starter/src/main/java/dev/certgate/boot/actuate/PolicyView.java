package dev.certgate.boot.actuate;

import dev.certgate.internal.facts.ClientCertificateResolver;
import dev.certgate.internal.ops.Operations;
import dev.certgate.internal.policy.HostGroup;
import dev.certgate.internal.policy.Policy;
import dev.certgate.internal.policy.Rule;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * The thin adapter between certgate's operations and Actuator: it reads the running {@link Policy}
 * (the current one, after reloads too) and the core's metrics view, and keeps nothing of its own.
 */
final class PolicyView {
    private final Operations operations;

    PolicyView(Operations operations) {
        this.operations = operations;
    }

    Operations operations() {
        return operations;
    }

    Policy policy() {
        return operations.policy();
    }

    /** Every host group, the fallback for hosts in no group last. */
    static List<HostGroup> groups(Policy policy) {
        List<HostGroup> all = new ArrayList<>(policy.groups());
        all.add(policy.fallback());
        return all;
    }

    static List<X509Certificate> anchors(HostGroup group) {
        ClientCertificateResolver certificates = group.certificates();
        return certificates == null ? List.of() : certificates.anchors();
    }

    static String subject(X509Certificate anchor) {
        return anchor.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** For info: the groups, their names, anchors (subject, expiry) and rule ids. */
    List<Map<String, Object>> describe(Instant now) {
        Policy policy = policy();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (HostGroup group : groups(policy)) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("id", group.id());
            g.put("names", group.names());
            List<Map<String, Object>> anchors = new ArrayList<>();
            for (X509Certificate anchor : anchors(group)) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("subject", subject(anchor));
                a.put("notAfter", anchor.getNotAfter().toInstant().toString());
                a.put("expired", anchor.getNotAfter().toInstant().isBefore(now));
                anchors.add(a);
            }
            g.put("anchors", anchors);
            List<Rule> rules = new ArrayList<>(group.hostRules());
            if (group == policy.fallback()) {
                rules.addAll(group.globalRules());
            }
            g.put("rules", rules.stream().map(Rule::id).toList());
            g.put(
                    "revocation",
                    group.certificates() != null
                            && group.certificates().revocation().enabled());
            groups.add(g);
        }
        return groups;
    }
}
