package dev.certgate.revocation.internal;

import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of checker settings. Every bad value fails with the property's full
 * name and what was expected; nothing is silently corrected.
 */
public final class SettingReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB)");

    private final Function<String, Optional<String>> values;
    private final Function<String, String> names;

    public SettingReader(Function<String, Optional<String>> values, Function<String, String> names) {
        this.values = values;
        this.names = names;
    }

    public static SettingReader of(CheckerContext context) {
        return new SettingReader(context::setting, context::propertyName);
    }

    /** The trimmed value, empty when absent or blank. */
    public Optional<String> string(String key) {
        return values.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String propertyName(String key) {
        return names.apply(key);
    }

    public RevocationConfigException invalid(String key, String problem) {
        return RevocationConfigException.of(names.apply(key), problem);
    }

    /** Comma-separated values, trimmed, empty ones dropped. */
    public List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String part : string(key).orElse("").split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** One of the given lower-case words. */
    public String choice(String key, String defaultValue, String... allowed) throws RevocationConfigException {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        for (String word : allowed) {
            if (word.equals(value.get())) {
                return word;
            }
        }
        throw invalid(key, "expected " + String.join(" or ", allowed) + ", got '" + value.get() + "'");
    }

    /** "500ms", "30s", "5m", "1h", "2d" or ISO-8601 ("PT30S"); never negative. */
    public Duration duration(String key, Duration defaultValue) throws RevocationConfigException {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String text = value.get();
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                default: return Duration.ofDays(n);
            }
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
    public long size(String key, long defaultValue) throws RevocationConfigException {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Matcher m = SIZE.matcher(value.get());
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "KiB": return Math.multiplyExact(n, 1024L);
                    case "MiB": return Math.multiplyExact(n, 1024L * 1024);
                    case "GiB": return Math.multiplyExact(n, 1024L * 1024 * 1024);
                    default: return n;
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // reported below
            }
        }
        throw invalid(key, "expected a size such as 65536, 64KiB or 64MiB, got '" + value.get() + "'");
    }

    public int positiveInt(String key, int defaultValue) throws RevocationConfigException {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, "expected a positive integer, got '" + value.get() + "'");
    }

    public boolean bool(String key, boolean defaultValue) throws RevocationConfigException {
        return switch (choice(key, defaultValue ? "true" : "false", "true", "false")) {
            case "true" -> true;
            default -> false;
        };
    }

    /** An absolute URI whose scheme is one of schemes. */
    public URI uri(String key, String text, String... schemes) throws RevocationConfigException {
        try {
            URI uri = new URI(text);
            for (String scheme : schemes) {
                if (scheme.equalsIgnoreCase(uri.getScheme())) {
                    return uri;
                }
            }
            throw invalid(key, "expected a URI with scheme " + String.join(", ", schemes) + ", got '" + text + "'");
        } catch (URISyntaxException e) {
            throw invalid(key, "not a URI: '" + text + "' (" + e.getReason() + ")");
        }
    }
}
