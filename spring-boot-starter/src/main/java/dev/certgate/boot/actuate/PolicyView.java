package dev.certgate.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import dev.certgate.facts.ClientCertificateResolver;
import dev.certgate.policy.HostGroup;
import dev.certgate.policy.Policy;
import dev.certgate.policy.Rule;

/**
 * The thin adapter between the running {@link Policy} and Actuator: it reads what the policy already
 * keeps (groups, anchors, rules and their match counters) and keeps no counters of its own.
 */
final class PolicyView {
    private final Policy policy;

    PolicyView(Policy policy) {
        this.policy = policy;
    }

    /** Every host group, the fallback for hosts in no group last. */
    List<HostGroup> groups() {
        List<HostGroup> all = new ArrayList<>(policy.groups());
        all.add(policy.fallback());
        return all;
    }

    /** The group's own rules, then the global ones (those are shared: listed under the fallback only). */
    static List<Rule> ownRules(HostGroup group, boolean fallback) {
        List<Rule> rules = new ArrayList<>(group.hostRules());
        if (fallback) {
            rules.addAll(group.globalRules());
        }
        return rules;
    }

    boolean isFallback(HostGroup group) {
        return group == policy.fallback();
    }

    static List<X509Certificate> anchors(HostGroup group) {
        ClientCertificateResolver certificates = group.certificates();
        return certificates == null ? List.of() : certificates.anchors();
    }

    static String subject(X509Certificate anchor) {
        return anchor.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    Policy policy() {
        return policy;
    }

    /** For info and health: the groups, their names, anchors (subject, expiry) and rule ids. */
    List<Map<String, Object>> describe(Instant now) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (HostGroup group : groups()) {
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
            g.put("rules", ownRules(group, isFallback(group)).stream().map(Rule::id).toList());
            g.put("revocation", group.certificates() != null && group.certificates().revocation().enabled());
            groups.add(g);
        }
        return groups;
    }
}
