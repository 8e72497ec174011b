package dev.certgate.revocation.crl;

import dev.certgate.revocation.CheckerContext;
import dev.certgate.revocation.RevocationConfigException;
import dev.certgate.revocation.internal.Backoff;
import dev.certgate.revocation.internal.SettingReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The CRL checker's settings (keys relative to {@code <revocation prefix>crl.}), validated. */
record CrlSettings(List<URI> sources, List<URI> signerFiles, List<String> cdpAllowedHosts, int cdpMaxSources,
                   Duration connectTimeout, Duration readTimeout, long maxSize, Duration clockSkew, Duration grace,
                   Duration refreshInterval, Backoff retry) {

    static CrlSettings read(CheckerContext context) throws RevocationConfigException {
        SettingReader r = SettingReader.of(context);
        List<URI> sources = new ArrayList<>();
        // "none": no CRL at all, every answer UNKNOWN (the CLI's `--revocation crl` without --crl).
        boolean none = r.list("sources").equals(List.of("none"));
        for (String text : none ? List.<String>of() : r.list("sources")) {
            sources.add(r.uri("sources", text, "file", "classpath", "http", "https"));
        }
        List<URI> signers = new ArrayList<>();
        for (String text : r.list("signers")) {
            signers.add(r.uri("signers", text, "file"));
        }
        List<String> hosts = new ArrayList<>();
        for (String host : r.list("cdp.allowed-hosts")) {
            String h = host.toLowerCase(Locale.ROOT);
            if (h.contains("/") || h.contains(":") || (h.contains("*") && !h.startsWith("*.")) || h.indexOf('*', 1) > 0) {
                throw r.invalid("cdp.allowed-hosts", "expected host names or *.domain patterns, got '" + host + "'");
            }
            hosts.add(h);
        }
        if (sources.isEmpty() && hosts.isEmpty() && !none) {
            throw r.invalid("sources", "no CRL source: set it (file:, classpath:, http(s): URIs) or "
                    + r.propertyName("cdp.allowed-hosts"));
        }
        Duration retryMin = r.duration("retry.min", Duration.ofSeconds(10));
        Duration retryMax = r.duration("retry.max", Duration.ofMinutes(5));
        if (retryMin.isZero() || retryMax.compareTo(retryMin) < 0) {
            throw r.invalid("retry.max", "must be at least " + r.propertyName("retry.min") + " (" + retryMin + ")");
        }
        Duration refresh = r.duration("refresh-interval", Duration.ofHours(1));
        if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
            throw r.invalid("refresh-interval", "must be at least 1s");
        }
        return new CrlSettings(List.copyOf(sources), List.copyOf(signers), List.copyOf(hosts),
                r.positiveInt("cdp.max-sources", 32),
                r.duration("connect-timeout", Duration.ofSeconds(3)),
                r.duration("read-timeout", Duration.ofSeconds(5)),
                r.size("max-size", 64L * 1024 * 1024),
                r.duration("clock-skew", Duration.ofMinutes(5)),
                r.duration("grace", Duration.ZERO),
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
