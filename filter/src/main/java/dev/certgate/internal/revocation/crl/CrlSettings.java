package dev.certgate.internal.revocation.crl;

import static dev.certgate.internal.settings.Keys.CRL_CDP_ALLOWED_HOSTS;
import static dev.certgate.internal.settings.Keys.CRL_CDP_MAX_SOURCES;
import static dev.certgate.internal.settings.Keys.CRL_CLOCK_SKEW;
import static dev.certgate.internal.settings.Keys.CRL_CONNECT_TIMEOUT;
import static dev.certgate.internal.settings.Keys.CRL_GRACE;
import static dev.certgate.internal.settings.Keys.CRL_MAX_SIZE;
import static dev.certgate.internal.settings.Keys.CRL_READ_TIMEOUT;
import static dev.certgate.internal.settings.Keys.CRL_REFRESH_INTERVAL;
import static dev.certgate.internal.settings.Keys.CRL_RETRY_MAX;
import static dev.certgate.internal.settings.Keys.CRL_RETRY_MIN;
import static dev.certgate.internal.settings.Keys.CRL_SIGNERS;
import static dev.certgate.internal.settings.Keys.CRL_SOURCES;

import dev.certgate.internal.revocation.Backoff;
import dev.certgate.internal.settings.Keys;
import dev.certgate.internal.settings.SettingReader;
import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The CRL checker's settings (keys relative to {@code <revocation prefix>crl.}), validated. */
record CrlSettings(
        List<URI> sources,
        List<URI> signerFiles,
        List<String> cdpAllowedHosts,
        int cdpMaxSources,
        Duration connectTimeout,
        Duration readTimeout,
        long maxSize,
        Duration clockSkew,
        Duration grace,
        Duration refreshInterval,
        Backoff retry) {

    static final String PREFIX = Keys.REVOCATION_PREFIX + "crl.";

    static CrlSettings read(CheckerContext context) throws RevocationConfigException {
        SettingReader<RevocationConfigException> r =
                new SettingReader<>(PREFIX, context::setting, context::propertyName, RevocationConfigException::of);
        // "none": no CRL at all, every answer UNKNOWN (the CLI's `--revocation crl` without --crl).
        boolean none = r.list(CRL_SOURCES).equals(List.of("none"));
        List<URI> sources = none ? List.of() : r.uris(CRL_SOURCES, "file", "classpath", "http", "https");
        List<URI> signers = r.uris(CRL_SIGNERS, "file");
        List<String> hosts = new ArrayList<>();
        for (String host : r.list(CRL_CDP_ALLOWED_HOSTS)) {
            String h = host.toLowerCase(Locale.ROOT);
            if (h.contains("/")
                    || h.contains(":")
                    || (h.contains("*") && !h.startsWith("*."))
                    || h.indexOf('*', 1) > 0) {
                throw r.invalid(CRL_CDP_ALLOWED_HOSTS, "expected host names or *.domain patterns, got '" + host + "'");
            }
            hosts.add(h);
        }
        if (sources.isEmpty() && hosts.isEmpty() && !none) {
            throw r.invalid(
                    CRL_SOURCES,
                    "no CRL source: set it (file:, classpath:, http(s): URIs) or "
                            + r.propertyName(CRL_CDP_ALLOWED_HOSTS));
        }
        Duration retryMin = r.duration(CRL_RETRY_MIN);
        Duration retryMax = r.duration(CRL_RETRY_MAX);
        if (retryMin.isZero() || retryMax.compareTo(retryMin) < 0) {
            throw r.invalid(CRL_RETRY_MAX, "must be at least " + r.propertyName(CRL_RETRY_MIN) + " (" + retryMin + ")");
        }
        Duration refresh = r.duration(CRL_REFRESH_INTERVAL);
        if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
            throw r.invalid(CRL_REFRESH_INTERVAL, "must be at least 1s");
        }
        return new CrlSettings(
                sources,
                signers,
                List.copyOf(hosts),
                r.positiveInt(CRL_CDP_MAX_SOURCES),
                r.duration(CRL_CONNECT_TIMEOUT),
                r.duration(CRL_READ_TIMEOUT),
                r.size(CRL_MAX_SIZE),
                r.duration(CRL_CLOCK_SKEW),
                r.duration(CRL_GRACE),
                refresh,
                new Backoff(retryMin, retryMax));
    }

    boolean cdpAllowed(URI uri) {
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (host == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        for (String allowed : cdpAllowedHosts) {
            if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }
}
