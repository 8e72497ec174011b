package dev.certgate.internal.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the key catalogue ({@link Keys}): a property name or name pattern, its type, its
 * default and one line of documentation.
 *
 * <p>A pattern holds placeholders for ids taken from lists: {@code <id>} (a host group of
 * {@code certgate.hosts}), {@code <rule>} (a rule of a {@code rules} list) and {@code <name>} (a list
 * of {@code certgate.lists}), e.g. {@code certgate.host.<id>.names}. {@link #of(String...)} fills
 * them. A key that a host group may override ({@link #perHost()}: rule and revocation keys) is
 * catalogued in its global spelling; {@link #inHost(String)} gives the host group's.
 *
 * @param name         the property name, or its pattern with placeholders ({@code certgate.host.<id>.names})
 * @param section      the documentation table it belongs to
 * @param type         the kind of value
 * @param choices      the accepted words of a {@link Type#CHOICE} or {@link Type#BOOLEAN} (lower case)
 * @param defaultValue the value used when the property is unset, as text a reader parses
 * @param absent       without a default: what an unset property means ("required", "none", …)
 * @param description  one line of documentation (Markdown)
 * @param perHost      true when a host group may set it too, as {@code certgate.host.<id>.} + the
 *                     name after {@code certgate.}
 */
public record Key(
        String name,
        Section section,
        Type type,
        List<String> choices,
        Optional<String> defaultValue,
        String absent,
        String description,
        boolean perHost) {
    /** The kind of value, for readers, documentation and tooling. */
    public enum Type {
        /** {@code true} or {@code false}, any case. */
        BOOLEAN,
        /** One of {@link #choices()}, any case. */
        CHOICE,
        /** A positive whole number. */
        INTEGER,
        /** Free text. */
        STRING,
        /** Comma-separated items, each stripped; empty items are dropped. */
        LIST,
        /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT30S}). */
        DURATION,
        /** A byte count: {@code 65536}, {@code 64KiB}, {@code 64MiB}, {@code 1GiB}. */
        SIZE
    }

    /** Where a key is documented: one table each. */
    public enum Section {
        GENERAL,
        HOSTS,
        FORWARDING,
        RULES,
        BLOCK_RESPONSE,
        LISTS,
        PRINCIPAL,
        OPERATIONS,
        REVOCATION
    }

    static final String HOST_PLACEHOLDER = "<id>";
    private static final String ROOT = "certgate.";

    public Key {
        Objects.requireNonNull(name);
        choices = type == Type.BOOLEAN ? List.of("true", "false") : List.copyOf(choices);
    }

    /**
     * The default as documented: the value in backticks, or what happens without one ("required",
     * "none", "{@code certgate.trust}").
     */
    public String defaultDoc() {
        return defaultValue.map(v -> "`" + v + "`").orElse(absent);
    }

    /** Every spelling of this key: the global one and, for a per-host key, the host group's. */
    public List<String> patterns() {
        List<String> patterns = new ArrayList<>();
        patterns.add(name);
        if (perHost) {
            patterns.add(hostSpelling(HOST_PLACEHOLDER));
        }
        return patterns;
    }

    /** This key with its placeholders filled in order, e.g. {@code HOST_NAMES.of("api")}. */
    public Key of(String... ids) {
        String filled = name;
        for (String id : ids) {
            int start = filled.indexOf('<');
            int end = filled.indexOf('>', start);
            if (start < 0 || end < 0) {
                throw new IllegalArgumentException(name + " has fewer placeholders than " + List.of(ids));
            }
            filled = filled.substring(0, start) + id + filled.substring(end + 1);
        }
        return with(filled, perHost);
    }

    /** The host group's spelling of a per-host key, e.g. {@code certgate.host.api.revocation.scope}. */
    public Key inHost(String hostId) {
        if (!perHost) {
            throw new IllegalStateException(name + " is not set per host group");
        }
        return with(hostSpelling(hostId), false);
    }

    /** This key under another spelling of its name, e.g. the one whose value applies to a host group. */
    public Key named(String fullName) {
        return with(fullName, false);
    }

    /** The name after {@code prefix}, e.g. {@code crl.sources} of the revocation key below {@code certgate.revocation.}. */
    public String relativeTo(String prefix) {
        if (!name.startsWith(prefix)) {
            throw new IllegalArgumentException(name + " is not below " + prefix);
        }
        return name.substring(prefix.length());
    }

    private String hostSpelling(String hostId) {
        return ROOT + "host." + hostId + "." + name.substring(ROOT.length());
    }

    private Key with(String newName, boolean newPerHost) {
        return new Key(newName, section, type, choices, defaultValue, absent, description, newPerHost);
    }

    @Override
    public String toString() {
        return name;
    }
}
