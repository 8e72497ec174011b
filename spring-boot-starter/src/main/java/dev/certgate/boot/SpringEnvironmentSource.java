package dev.certgate.boot;

import dev.certgate.internal.config.PropertySource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Spring's {@code Environment} as certgate's configuration: the same {@code certgate.*} keys, from
 * {@code application.yml}/{@code .properties}, profiles, environment variables, command-line
 * arguments or a config server, in Spring's precedence order. Values are looked up through the
 * Environment, so Boot's relaxed binding applies ({@code CERTGATE_HOST_API_NAMES} sets
 * {@code certgate.host.api.names}); a YAML list ({@code names: [a, b]}, i.e. {@code names[0]},
 * {@code names[1]}) reads as the comma-separated list certgate expects.
 *
 * <p>For certgate's unknown-key check, {@link #names()} lists every {@code certgate.*} name of every
 * enumerable property source in the spelling certgate reads, when it is a relaxed spelling of a key
 * certgate read (the same letters and digits, ignoring case, '.', '-', '_' and list indexes), and
 * otherwise in its own spelling (environment variables lower-cased, '_' as '.'), so a typo in any
 * source fails start-up.
 */
final class SpringEnvironmentSource implements PropertySource {
    private static final int MAX_LIST = 1000;

    /**
     * Defaults that differ under Boot, each an explicit, documented choice (docs/spring-boot.md): the
     * starter binds certgate's metrics to Boot's own MeterRegistry, so the export to Micrometer's
     * global registry is off unless configured.
     */
    static final java.util.Map<String, String> BOOT_DEFAULTS = java.util.Map.of("certgate.metrics.micrometer", "false");

    private final ConfigurableEnvironment environment;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    SpringEnvironmentSource(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Optional<String> get(String name) {
        read.add(name);
        String value = environment.getProperty(name);
        if (value == null) {
            value = indexedList(name);
        }
        if (value == null) {
            value = BOOT_DEFAULTS.get(name);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    /** A YAML list: name[0], name[1], ... joined with ','. */
    private String indexedList(String name) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < MAX_LIST; i++) {
            String item = environment.getProperty(name + "[" + i + "]");
            if (item == null) {
                break;
            }
            items.add(item);
        }
        return items.isEmpty() ? null : String.join(",", items);
    }

    @Override
    public Set<String> names() {
        java.util.Map<String, String> readByLetters = new java.util.HashMap<>();
        for (String r : read) {
            readByLetters.putIfAbsent(letters(r), r);
        }
        Set<String> names = new LinkedHashSet<>();
        for (org.springframework.core.env.PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String raw : enumerable.getPropertyNames()) {
                String plain = withoutIndex(raw);
                if (!letters(plain).startsWith("certgate")) {
                    continue;
                }
                String known = readByLetters.get(letters(plain));
                names.add(known != null ? known : ownSpelling(plain));
            }
        }
        return names;
    }

    @Override
    public String description() {
        return "Spring Environment (" + String.join(", ", sourceNames()) + ")";
    }

    private List<String> sourceNames() {
        List<String> names = new ArrayList<>();
        environment.getPropertySources().forEach(s -> names.add(s.getName()));
        return names;
    }

    /** The letters and digits of a name, lower case: what Boot's relaxed spellings of one key share. */
    static String letters(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String withoutIndex(String name) {
        int bracket = name.indexOf('[');
        return bracket < 0 ? name : name.substring(0, bracket);
    }

    /** An unread name as a {@code certgate.} key, for the error message: {@code CERTGATE_HOST_X} → {@code certgate.host.x}. */
    private static String ownSpelling(String name) {
        if (name.startsWith("certgate.")) {
            return name;
        }
        return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
