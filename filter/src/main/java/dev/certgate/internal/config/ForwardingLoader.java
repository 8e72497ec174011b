package dev.certgate.internal.config;

import dev.certgate.internal.forwarding.CertificateFormat;
import dev.certgate.internal.forwarding.ClientAddresses;
import dev.certgate.internal.forwarding.ConfigChoice;
import dev.certgate.internal.forwarding.ForwardedHost;
import dev.certgate.internal.forwarding.Forwarding;
import dev.certgate.internal.forwarding.ForwardingCounters;
import dev.certgate.internal.forwarding.GroupForwarding;
import dev.certgate.internal.forwarding.TrustedProxies;
import dev.certgate.internal.settings.Key;
import dev.certgate.internal.settings.Keys;
import dev.certgate.internal.settings.SettingReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the forwarding keys (docs/configuration.md, "Behind a proxy"): global under
 * {@code certgate.}, per host group under {@code certgate.host.<id>.}, a group's own value
 * replacing the global one key by key. Everything is off unless {@code trusted-proxies} is set,
 * and a forwarding feature without trusted proxies fails start-up rather than doing nothing.
 */
final class ForwardingLoader {
    // Keys below certgate. (a host group's below certgate.host.<id>.), from the catalogue.
    static final String TRUSTED_PROXIES = suffix(Keys.TRUSTED_PROXIES);
    static final String CLIENT_ADDRESS = suffix(Keys.CLIENT_ADDRESS);
    static final String FORMAT = suffix(Keys.FORWARDED_CERT_FORMAT);
    static final String HEADER = suffix(Keys.FORWARDED_CERT_HEADER);
    static final String CHAIN_HEADER = suffix(Keys.FORWARDED_CERT_CHAIN_HEADER);
    static final String MAX_BYTES = suffix(Keys.FORWARDED_CERT_MAX_BYTES);
    static final String FROM_UNTRUSTED = suffix(Keys.FORWARDED_CERT_FROM_UNTRUSTED);
    static final String TLS_FALLBACK = suffix(Keys.FORWARDED_CERT_TLS_FALLBACK);
    static final String EXPOSE = suffix(Keys.FORWARDED_CERT_EXPOSE);
    /** Global only: the host picks the group, so it cannot depend on one. */
    static final String FORWARDED_HOST = Keys.FORWARDED_HOST.name();
    /** Cloudflare's cap on the forwarded chain; Tomcat's whole request head is 8 KiB by default. */
    static final int DEFAULT_MAX_BYTES =
            Integer.parseInt(Keys.FORWARDED_CERT_MAX_BYTES.defaultValue().orElseThrow());

    private final PropertySource source;
    private final SettingReader<ConfigException> read;

    private static String suffix(Key key) {
        return key.relativeTo("certgate.");
    }

    private ForwardingLoader(PropertySource source) {
        this.source = source;
        this.read = SettingReader.of(source::get, ConfigException::new);
    }

    /** @param groupIds the host group ids; the unmatched-host group is read from the global keys */
    static Forwarding load(PropertySource source, List<String> groupIds, String fallbackId) throws ConfigException {
        ForwardingLoader loader = new ForwardingLoader(source);
        ForwardingCounters counters = new ForwardingCounters();
        Map<String, GroupForwarding> groups = new LinkedHashMap<>();
        groups.put(fallbackId, loader.group("certgate.", null, counters));
        for (String id : groupIds) {
            groups.put(id, loader.group("certgate.host." + id + ".", "certgate.", counters));
        }
        TrustedProxies global = loader.proxies("certgate." + TRUSTED_PROXIES);
        ForwardedHost.Source host = loader.parse(FORWARDED_HOST, ConfigChoice.parser(ForwardedHost.Source.class))
                .orElse(ForwardedHost.Source.NONE);
        if (host != ForwardedHost.Source.NONE && global.isEmpty()) {
            throw new ConfigException(
                    FORWARDED_HOST,
                    "the host is only taken from " + host.configName() + " sent by a trusted proxy, but certgate."
                            + TRUSTED_PROXIES + " is not set");
        }
        return new Forwarding(global, host, groups, counters);
    }

    /**
     * One group's settings.
     *
     * @param prefix         where the group's keys live
     * @param fallbackPrefix where a key missing from {@code prefix} is looked up, or null
     */
    private GroupForwarding group(String prefix, String fallbackPrefix, ForwardingCounters counters)
            throws ConfigException {
        String proxiesKey = key(prefix, fallbackPrefix, TRUSTED_PROXIES);
        TrustedProxies trusted = proxies(proxiesKey);
        String formatKey = key(prefix, fallbackPrefix, FORMAT);
        String formatValue = value(formatKey).orElse("none");
        CertificateFormat format = formatValue.strip().equalsIgnoreCase("none")
                ? null
                : parse(formatKey, CertificateFormat::parse).orElseThrow();
        String addressKey = key(prefix, fallbackPrefix, CLIENT_ADDRESS);
        ClientAddresses.Source address = parse(addressKey, ConfigChoice.parser(ClientAddresses.Source.class))
                .orElse(ClientAddresses.Source.NONE);
        if (trusted.isEmpty()) {
            String unset = fallbackPrefix == null
                    ? proxiesKey + " is not set"
                    : "neither " + prefix + TRUSTED_PROXIES + " nor " + fallbackPrefix + TRUSTED_PROXIES + " is set";
            if (format != null) {
                throw new ConfigException(
                        formatKey,
                        "forwarded certificates are only accepted from trusted proxies," + " but " + unset
                                + " (expected the proxies' addresses or CIDRs)");
            }
            if (address != ClientAddresses.Source.NONE) {
                throw new ConfigException(
                        addressKey,
                        "the client address is only taken from " + address.configName()
                                + " sent by a trusted proxy, but " + unset);
            }
        }

        String headerKey = key(prefix, fallbackPrefix, HEADER);
        String chainKey = key(prefix, fallbackPrefix, CHAIN_HEADER);
        Optional<String> header = value(headerKey).map(String::strip);
        Optional<String> chainHeader = value(chainKey).map(String::strip);
        checkHeaderNames(headerKey, header);
        checkHeaderNames(chainKey, chainHeader);
        String maxKey = key(prefix, fallbackPrefix, MAX_BYTES);
        int maxBytes = positiveInt(maxKey, DEFAULT_MAX_BYTES);
        String untrustedKey = key(prefix, fallbackPrefix, FROM_UNTRUSTED);
        GroupForwarding.Untrusted untrusted = parse(untrustedKey, ConfigChoice.parser(GroupForwarding.Untrusted.class))
                .orElse(GroupForwarding.Untrusted.HIDE);
        String fallbackKey = key(prefix, fallbackPrefix, TLS_FALLBACK);
        boolean tlsFallback = bool(Keys.FORWARDED_CERT_TLS_FALLBACK, fallbackKey);
        String exposeKey = key(prefix, fallbackPrefix, EXPOSE);
        boolean expose = bool(Keys.FORWARDED_CERT_EXPOSE, exposeKey);
        if (format == null) {
            for (String k : List.of(headerKey, chainKey, maxKey, untrustedKey, fallbackKey, exposeKey)) {
                if (value(k).isPresent()) {
                    throw new ConfigException(
                            k,
                            "only used with forwarded certificates, but " + formatKey
                                    + " is none (expected rfc9440, xfcc, escaped-pem or traefik)");
                }
            }
            return trusted.isEmpty()
                    ? GroupForwarding.OFF
                    : new GroupForwarding(trusted, null, null, null, 0, untrusted, false, false, address, counters);
        }
        String name = header.or(() -> Optional.ofNullable(format.defaultHeader()))
                .orElseThrow(() -> new ConfigException(
                        headerKey,
                        "escaped-pem has no usual header name: say which header the proxy"
                                + " writes (nginx: the one you set to $ssl_client_escaped_cert, e.g. X-Client-Cert;"
                                + " AWS ALB: X-Amzn-Mtls-Clientcert)"));
        if (chainHeader.isPresent() && format != CertificateFormat.RFC9440) {
            throw new ConfigException(
                    chainKey,
                    "only rfc9440 has a separate chain header; " + format.configName() + " carries the chain in "
                            + name);
        }
        String chain = chainHeader.orElse(format.defaultChainHeader());
        if (name.equalsIgnoreCase(chain == null ? "" : chain)) {
            throw new ConfigException(chainKey, "the chain header must differ from the certificate header");
        }
        return new GroupForwarding(
                trusted, format, name, chain, maxBytes, untrusted, tlsFallback, expose, address, counters);
    }

    /**
     * The key whose value applies: the group's own when set, else the global one when that is set;
     * the group's own when neither is (so a message about a missing value names the group).
     */
    private String key(String prefix, String fallbackPrefix, String suffix) {
        String own = prefix + suffix;
        if (fallbackPrefix == null || source.get(own).isPresent()) {
            return own;
        }
        String global = fallbackPrefix + suffix;
        return source.get(global).isPresent() ? global : own;
    }

    private TrustedProxies proxies(String key) throws ConfigException {
        try {
            return TrustedProxies.parse(read.list(Keys.TRUSTED_PROXIES.named(key)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private Optional<String> value(String key) {
        return source.get(key);
    }

    private <T> Optional<T> parse(String key, Function<String, T> parser) throws ConfigException {
        Optional<String> v = value(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(v.get()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    /** A boolean forwarding key (all default to false), by the one reader's rule. */
    private boolean bool(Key key, String name) throws ConfigException {
        return read.bool(key.named(name));
    }

    private int positiveInt(String key, int fallback) throws ConfigException {
        Optional<String> v = value(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get().strip());
            if (n < 1 || n > 1 << 20) {
                throw new ConfigException(
                        key, "expected a number of characters from 1 to 1048576, got '" + v.get() + "'");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "expected a whole number of characters, got '" + v.get() + "'");
        }
    }

    /** An HTTP field name is a token (RFC 9110 §5.1). */
    private static void checkHeaderNames(String key, Optional<String> name) throws ConfigException {
        if (name.isEmpty()) {
            return;
        }
        String n = name.get();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean token = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                throw new ConfigException(key, "'" + n + "' is not a header name (character '" + c + "')");
            }
        }
    }
}
