package dev.certgate.ops;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.certgate.config.ConfigException;
import dev.certgate.config.PropertySource;
import dev.certgate.rules.Expression;
import dev.certgate.rules.NamedLists;
import dev.certgate.rules.RuleSyntaxException;

/**
 * The operations settings: reload, decision events, expiry warnings, the status page and JMX.
 * Read at start-up and again by every reload (a bad value fails either, naming the property).
 *
 * @param reloadInterval    how often configuration and files are checked for changes; zero = never
 * @param events            how many decision events are written per window
 * @param expiryWindow      anchors and signers expiring within it are warned about
 * @param countClients      whether to count cached client certificates expiring within the window
 * @param statusEnabled     whether the status page is served
 * @param statusPath        its path inside the application
 * @param statusRule        who may see it (compiled), null when the page is off
 * @param statusRuleText    the rule as configured
 * @param jmx               whether MBeans are registered
 * @param micrometer        whether to export to Micrometer when it is on the class path
 * @param openTelemetry     whether to export to OpenTelemetry when its API is on the class path
 */
public record OpsSettings(Duration reloadInterval, EventLimits events, Duration expiryWindow,
                          boolean countClients, boolean statusEnabled, String statusPath, Expression statusRule,
                          String statusRuleText, boolean jmx, boolean micrometer, boolean openTelemetry) {
    public static final String RELOAD_INTERVAL = "certgate.reload.interval";
    public static final String EVENTS_PER_CLIENT = "certgate.events.per-client";
    public static final String EVENTS_PER_RULE = "certgate.events.per-rule";
    public static final String EVENTS_WINDOW = "certgate.events.window";
    public static final String EXPIRY_WINDOW = "certgate.expiry.window";
    public static final String EXPIRY_COUNT_CLIENTS = "certgate.expiry.count-clients";
    public static final String STATUS_ENABLED = "certgate.status.enabled";
    public static final String STATUS_PATH = "certgate.status.path";
    public static final String STATUS_RULE = "certgate.status.rule";
    public static final String JMX = "certgate.jmx.enabled";
    public static final String MICROMETER = "certgate.metrics.micrometer";
    public static final String OPENTELEMETRY = "certgate.metrics.opentelemetry";
    /** The keys read here, so the policy loader does not call them unknown. */
    public static final Set<String> KEYS = Set.of(RELOAD_INTERVAL, EVENTS_PER_CLIENT, EVENTS_PER_RULE, EVENTS_WINDOW,
            EXPIRY_WINDOW, EXPIRY_COUNT_CLIENTS, STATUS_ENABLED, STATUS_PATH, STATUS_RULE, JMX, MICROMETER, OPENTELEMETRY);

    static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(30);
    static final String DEFAULT_STATUS_PATH = "/certgate/status";

    public static OpsSettings read(PropertySource source) throws ConfigException {
        Duration reload = duration(source, RELOAD_INTERVAL, DEFAULT_RELOAD_INTERVAL, true);
        int perClient = count(source, EVENTS_PER_CLIENT, 5);
        int perRule = count(source, EVENTS_PER_RULE, 50);
        Duration window = duration(source, EVENTS_WINDOW, Duration.ofMinutes(1), false);
        Duration expiry = duration(source, EXPIRY_WINDOW, Duration.ofDays(30), false);
        boolean countClients = bool(source, EXPIRY_COUNT_CLIENTS, false);
        boolean status = bool(source, STATUS_ENABLED, false);
        String path = get(source, STATUS_PATH).orElse(DEFAULT_STATUS_PATH);
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("..")
                || !path.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '?' && c != '#' && c != ';')) {
            throw new ConfigException(STATUS_PATH, "expected a path inside the application such as "
                    + DEFAULT_STATUS_PATH + " (starting with '/', no trailing '/', no '..', '?', '#' or ';'), got '"
                    + path + "'");
        }
        Optional<String> ruleText = get(source, STATUS_RULE);
        Expression rule = null;
        if (status) {
            if (ruleText.isEmpty()) {
                throw new ConfigException(STATUS_RULE, "the status page is enabled (" + STATUS_ENABLED + "=true) but"
                        + " no rule says who may see it; set an expression that is true for the operators, e.g."
                        + " cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_subject_dn eq \"CN=ops\"");
            }
            try {
                rule = Expression.compile(ruleText.get(), NamedLists.EMPTY);
            } catch (RuleSyntaxException e) {
                throw new ConfigException(STATUS_RULE, "not a valid expression:\n" + e.getMessage(), e);
            }
        }
        return new OpsSettings(reload, new EventLimits(perClient, perRule, window.toMillis()), expiry,
                countClients, status, path, rule, ruleText.orElse(""), bool(source, JMX, true),
                bool(source, MICROMETER, true), bool(source, OPENTELEMETRY, true));
    }

    private static Optional<String> get(PropertySource source, String key) {
        return source.get(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static boolean bool(PropertySource source, String key, boolean fallback) throws ConfigException {
        Optional<String> v = get(source, key);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "expected true or false, got '" + v.get() + "'");
        };
    }

    private static int count(PropertySource source, String key, int fallback) throws ConfigException {
        Optional<String> v = get(source, key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, "expected a whole number of at least 0, got '" + v.get() + "'");
    }

    /**
     * A duration: a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 30d})
     * or ISO-8601 ({@code PT30S}); {@code off} or {@code 0} where zero is allowed.
     */
    static Duration duration(PropertySource source, String key, Duration fallback, boolean zeroAllowed)
            throws ConfigException {
        Optional<String> v = get(source, key);
        if (v.isEmpty()) {
            return fallback;
        }
        Duration d = parseDuration(v.get());
        if (d == null || d.isNegative() || (d.isZero() && !zeroAllowed)) {
            throw new ConfigException(key, "expected a " + (zeroAllowed ? "" : "positive ") + "duration such as 30s, 5m,"
                    + " 2h or 30d" + (zeroAllowed ? " (or off)" : "") + ", got '" + v.get() + "'");
        }
        return d;
    }

    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("off") || t.equals("0")) {
            return Duration.ZERO;
        }
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}, {"d", "86400000"}};
            for (String[] u : units) {
                if (t.endsWith(u[0]) && t.length() > u[0].length()) {
                    String number = t.substring(0, t.length() - u[0].length());
                    if (number.chars().allMatch(Character::isDigit)) {
                        return Duration.ofMillis(Math.multiplyExact(Long.parseLong(number), Long.parseLong(u[1])));
                    }
                }
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
