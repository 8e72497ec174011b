package dev.certgate.internal.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of settings, with one rule for every value: surrounding white space is ignored
 * and a blank value is unset; choices and booleans are matched in any case; a list is split at
 * commas, its items stripped and empty items dropped. A bad value fails with the exact property
 * that holds it and what was expected; nothing is silently corrected.
 *
 * <p>Keys come from the catalogue ({@link Keys}) and so do defaults: an unset key reads as its
 * catalogue default. A reader may see only a part of the name space, e.g. a revocation checker's
 * settings; {@code base} is then the catalogue prefix that part stands for, and {@code names} turns
 * a key below it into the full property name of the value (a host group's or the global one).
 *
 * @param <E> the exception its caller reports configuration problems with
 */
public final class SettingReader<E extends Exception> {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    /** Makes the caller's exception for "{@code property}: {@code problem}". */
    @FunctionalInterface
    public interface Problem<E extends Exception> {
        E at(String property, String problem);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Map<String, Long> DURATION_UNITS =
            Map.of("ms", 1L, "s", 1000L, "m", 60_000L, "h", 3_600_000L, "d", 86_400_000L);
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB)");
    private static final Map<String, Long> SIZE_UNITS =
            Map.of("", 1L, "B", 1L, "KiB", 1024L, "MiB", 1024L * 1024, "GiB", 1024L * 1024 * 1024);

    private final String base;
    private final Function<String, Optional<String>> values;
    private final UnaryOperator<String> names;
    private final Problem<E> problem;

    /**
     * @param base    the catalogue prefix the keys of values are relative to ("" for full names)
     * @param values  the raw value of a key relative to base
     * @param names   the full property name of a key relative to base, for messages
     * @param problem the exception for a bad value
     */
    public SettingReader(
            String base, Function<String, Optional<String>> values, UnaryOperator<String> names, Problem<E> problem) {
        this.base = base;
        this.values = values;
        this.names = names;
        this.problem = problem;
    }

    /** A reader of full property names. */
    public static <E extends Exception> SettingReader<E> of(
            Function<String, Optional<String>> values, Problem<E> problem) {
        return new SettingReader<>("", values, name -> name, problem);
    }

    /** The full property name of key, e.g. {@code certgate.host.api.revocation.crl.sources}. */
    public String propertyName(Key key) {
        return names.apply(relative(key));
    }

    /** The caller's exception for a problem with key's value. */
    public E invalid(Key key, String problem) {
        return this.problem.at(propertyName(key), problem);
    }

    /** The stripped value; empty when unset or blank. No default applies. */
    public Optional<String> string(Key key) {
        return values.apply(relative(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The value, or the catalogue default when unset. */
    public Optional<String> stringOrDefault(Key key) {
        Optional<String> value = string(key);
        return value.isPresent() ? value : key.defaultValue();
    }

    /** Comma-separated items, each stripped, empty ones dropped; the catalogue default when unset. */
    public List<String> list(Key key) {
        List<String> items = new ArrayList<>();
        for (String part : stringOrDefault(key).orElse("").split(",")) {
            if (!part.isBlank()) {
                items.add(part.strip());
            }
        }
        return items;
    }

    /**
     * A list of distinct ids (of host groups, rules, lists, roles), each of lower-case letters,
     * digits, '-' and '_' as they become parts of property names; {@code what} names them in errors.
     */
    public List<String> ids(Key key, String what) throws E {
        List<String> ids = list(key);
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!ID.matcher(id).matches()) {
                throw invalid(
                        key,
                        "'" + id + "' is not a valid " + what + " (expected lower-case letters, digits,"
                                + " '-' and '_', starting with a letter or digit)");
            }
            if (!seen.add(id)) {
                throw invalid(key, "'" + id + "' is listed twice");
            }
        }
        return ids;
    }

    /** One of the key's choices, in any case; returned as catalogued (lower case). */
    public String choice(Key key) throws E {
        Optional<String> value = stringOrDefault(key);
        if (value.isEmpty()) {
            throw invalid(key, "expected " + String.join(" or ", key.choices()));
        }
        String lower = value.get().toLowerCase(Locale.ROOT);
        for (String word : key.choices()) {
            if (word.equals(lower)) {
                return word;
            }
        }
        throw invalid(key, "expected " + String.join(" or ", key.choices()) + ", got '" + value.get() + "'");
    }

    /** {@code true} or {@code false}, in any case. */
    public boolean bool(Key key) throws E {
        return choice(key).equals("true");
    }

    /** A whole number of at least 1. */
    public int positiveInt(Key key) throws E {
        String text = required(key);
        int n = wholeNumber(key, text);
        if (n < 1) {
            throw invalid(key, "expected a positive whole number, got '" + text + "'");
        }
        return n;
    }

    /** A whole number. */
    public int wholeNumber(Key key, String text) throws E {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw invalid(key, "expected a whole number, got '" + text + "'");
        }
    }

    /** "500ms", "30s", "5m", "1h", "2d" or ISO-8601 ("PT30S"); never negative. */
    public Duration duration(Key key) throws E {
        String text = required(key);
        OptionalLong millis = scaled(DURATION, DURATION_UNITS, text);
        if (millis.isPresent()) {
            return Duration.ofMillis(millis.getAsLong());
        }
        try {
            Duration parsed = Duration.parse(text.toUpperCase(Locale.ROOT));
            if (!parsed.isNegative()) {
                return parsed;
            }
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        throw invalid(key, "expected a duration such as 500ms, 30s, 5m, 1h, 2d or PT30S, got '" + text + "'");
    }

    /** A byte count: "65536", "64KiB", "64MiB", "1GiB". */
    public long size(Key key) throws E {
        String text = required(key);
        return scaled(SIZE, SIZE_UNITS, text)
                .orElseThrow(() -> invalid(key, "expected a size such as 65536, 64KiB or 64MiB, got '" + text + "'"));
    }

    /** A number with a unit of units, times the unit's factor; empty when it does not match or overflows. */
    private static OptionalLong scaled(Pattern pattern, Map<String, Long> units, String text) {
        Matcher m = pattern.matcher(text);
        if (m.matches()) {
            try {
                return OptionalLong.of(Math.multiplyExact(Long.parseLong(m.group(1)), units.get(m.group(2))));
            } catch (ArithmeticException | NumberFormatException e) {
                // too large
            }
        }
        return OptionalLong.empty();
    }

    /** An absolute URI whose scheme is one of schemes (any case); text is one item of key's value. */
    public URI uri(Key key, String text, String... schemes) throws E {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(key, "not a URI: '" + text + "' (" + e.getReason() + ")");
        }
        for (String scheme : schemes) {
            if (scheme.equalsIgnoreCase(uri.getScheme())) {
                return uri;
            }
        }
        throw invalid(key, "expected a URI with scheme " + String.join(", ", schemes) + ", got '" + text + "'");
    }

    /** Every item of a list of URIs. */
    public List<URI> uris(Key key, String... schemes) throws E {
        List<URI> uris = new ArrayList<>();
        for (String text : list(key)) {
            uris.add(uri(key, text, schemes));
        }
        return List.copyOf(uris);
    }

    private String required(Key key) throws E {
        Optional<String> value = stringOrDefault(key);
        if (value.isEmpty()) {
            throw invalid(key, "must be set");
        }
        return value.get();
    }

    private String relative(Key key) {
        return key.relativeTo(base);
    }
}
