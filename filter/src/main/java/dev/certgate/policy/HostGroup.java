package dev.certgate.policy;

import java.util.List;

import dev.certgate.facts.ClientCertificateResolver;

/**
 * The hosts that share one configuration: names, the client-certificate resolver (trust anchors,
 * verification cache, revocation) and the ordered rules: the group's own (the mTLS rule first when
 * enabled), then the global ones.
 */
public final class HostGroup {
    private final String id;
    private final List<String> names;
    private final List<Rule> hostRules;
    private final List<Rule> globalRules;
    private final ClientCertificateResolver certificates;

    public HostGroup(String id, List<String> names, List<Rule> hostRules, List<Rule> globalRules,
                     ClientCertificateResolver certificates) {
        this.id = id;
        this.names = List.copyOf(names);
        this.hostRules = List.copyOf(hostRules);
        this.globalRules = List.copyOf(globalRules);
        this.certificates = certificates;
    }

    public String id() {
        return id;
    }

    /** Normalised names; wildcards as {@code *.example.com}. */
    public List<String> names() {
        return names;
    }

    public List<Rule> hostRules() {
        return hostRules;
    }

    public List<Rule> globalRules() {
        return globalRules;
    }

    /** Null for a group without client-certificate configuration (every certificate field takes its default). */
    public ClientCertificateResolver certificates() {
        return certificates;
    }
}
