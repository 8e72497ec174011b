package dev.certgate.internal.ops;

import dev.certgate.internal.config.ConfigException;
import dev.certgate.internal.config.PropertySource;
import dev.certgate.internal.rules.Expression;
import dev.certgate.internal.rules.NamedLists;
import dev.certgate.internal.rules.RuleSyntaxException;
import dev.certgate.internal.settings.Keys;
import dev.certgate.internal.settings.SettingReader;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The operations settings (keys and defaults in the catalogue, {@link Keys}, section OPERATIONS):
 * reload, decision events, expiry warnings, the status page and the metrics exports. Read at
 * start-up and again by every reload; a bad value fails either, naming the property.
 *
 * @param reloadInterval how often configuration and files are checked for changes; zero = never
 * @param events         how many decision events are written per window
 * @param expiryWindow   anchors and signers expiring within it are warned about
 * @param countClients   whether to count cached client certificates expiring within the window
 * @param statusEnabled  whether the status page is served
 * @param statusPath     its path inside the application
 * @param statusRule     who may see it (compiled), null when the page is off
 * @param jmx            whether MBeans are registered
 * @param micrometer     whether to export to Micrometer when it is on the class path
 * @param openTelemetry  whether to export to OpenTelemetry when its API is on the class path
 */
public record OpsSettings(
        Duration reloadInterval,
        EventLimits events,
        Duration expiryWindow,
        boolean countClients,
        boolean statusEnabled,
        String statusPath,
        Expression statusRule,
        boolean jmx,
        boolean micrometer,
        boolean openTelemetry) {

    public static OpsSettings read(PropertySource source) throws ConfigException {
        SettingReader<ConfigException> read = SettingReader.of(source::get, ConfigException::new);
        Duration reload = reloadInterval(read);
        int perClient = atLeastZero(read, Keys.EVENTS_PER_CLIENT);
        int perRule = atLeastZero(read, Keys.EVENTS_PER_RULE);
        Duration window = positive(read, Keys.EVENTS_WINDOW);
        Duration expiry = positive(read, Keys.EXPIRY_WINDOW);
        boolean status = read.bool(Keys.STATUS_ENABLED);
        String path = read.stringOrDefault(Keys.STATUS_PATH).orElseThrow();
        if (!path.startsWith("/")
                || path.length() < 2
                || path.endsWith("/")
                || path.contains("..")
                || !path.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '?' && c != '#' && c != ';')) {
            throw read.invalid(
                    Keys.STATUS_PATH,
                    "expected a path inside the application such as "
                            + Keys.STATUS_PATH.defaultValue().orElseThrow()
                            + " (starting with '/', no trailing '/', no '..',"
                            + " '?', '#' or ';'), got '" + path + "'");
        }
        Optional<String> ruleText = read.string(Keys.STATUS_RULE);
        Expression rule = null;
        if (status) {
            if (ruleText.isEmpty()) {
                throw read.invalid(
                        Keys.STATUS_RULE,
                        "the status page is enabled (" + Keys.STATUS_ENABLED.name()
                                + "=true) but no rule says who may see it; set an expression that is true for the operators,"
                                + " e.g. cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_subject_dn eq \"CN=ops\"");
            }
            try {
                rule = Expression.compile(ruleText.get(), NamedLists.EMPTY);
            } catch (RuleSyntaxException e) {
                throw new ConfigException(Keys.STATUS_RULE.name(), "not a valid expression:\n" + e.getMessage(), e);
            }
        }
        return new OpsSettings(
                reload,
                new EventLimits(perClient, perRule, window.toMillis()),
                expiry,
                read.bool(Keys.EXPIRY_COUNT_CLIENTS),
                status,
                path,
                rule,
                read.bool(Keys.JMX_ENABLED),
                read.bool(Keys.METRICS_MICROMETER),
                read.bool(Keys.METRICS_OPENTELEMETRY));
    }

    /** A duration, or {@code off} / {@code 0} for never. */
    private static Duration reloadInterval(SettingReader<ConfigException> read) throws ConfigException {
        Optional<String> v = read.string(Keys.RELOAD_INTERVAL);
        if (v.isPresent()
                && (v.get().toLowerCase(Locale.ROOT).equals("off") || v.get().equals("0"))) {
            return Duration.ZERO;
        }
        return read.duration(Keys.RELOAD_INTERVAL);
    }

    private static Duration positive(SettingReader<ConfigException> read, dev.certgate.internal.settings.Key key)
            throws ConfigException {
        Duration d = read.duration(key);
        if (d.isZero()) {
            throw read.invalid(
                    key,
                    "expected a positive duration such as 30s, 5m, 2h or 30d, got '"
                            + read.stringOrDefault(key).orElse("") + "'");
        }
        return d;
    }

    private static int atLeastZero(SettingReader<ConfigException> read, dev.certgate.internal.settings.Key key)
            throws ConfigException {
        String text = read.stringOrDefault(key).orElseThrow();
        int n = read.wholeNumber(key, text);
        if (n < 0) {
            throw read.invalid(key, "expected a whole number of at least 0, got '" + text + "'");
        }
        return n;
    }
}
