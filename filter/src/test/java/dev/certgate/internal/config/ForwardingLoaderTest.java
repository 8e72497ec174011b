package dev.certgate.internal.config;

import static dev.certgate.internal.config.TestPolicies.failsAt;
import static dev.certgate.internal.config.TestPolicies.failsWith;
import static dev.certgate.internal.config.TestPolicies.load;
import static dev.certgate.internal.config.TestPolicies.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.policy.Policy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forwarding keys: off unless trusted proxies are set, every bad value named at start-up. */
class ForwardingLoaderTest {
    /** The base settings and further ones, given as key, value, key, value … */
    private static Map<String, String> base(String... keyValues) {
        return settings(
                Map.of(
                        "certgate.hosts",
                        "api",
                        "certgate.host.api.names",
                        "api.example.com",
                        "certgate.host.api.mtls",
                        "false"),
                keyValues);
    }

    @Test
    void offByDefault() throws Exception {
        try (Policy policy = load(base())) {
            assertTrue(policy.forwarding().isOff());
        }
    }

    @Test
    void groupKeysReplaceGlobalOnesAndAreDescribed() throws Exception {
        try (Policy policy = load(base(
                "certgate.trusted-proxies",
                "10.0.0.0/8, 2001:db8::/32",
                "certgate.forwarded-cert.format",
                "rfc9440",
                "certgate.host.api.forwarded-cert.format",
                "escaped-pem",
                "certgate.host.api.forwarded-cert.header",
                "X-Client-Cert",
                "certgate.host.api.client-address",
                "x-forwarded-for"))) {
            assertEquals(
                    "forwarding: group (default): trusted proxies 10.0.0.0/8, 2001:db8::/32, client certificate from"
                            + " Client-Cert + Client-Cert-Chain (rfc9440, at most 16384 characters), none when a trusted proxy"
                            + " forwards none, from other peers: hide; group api: trusted proxies 10.0.0.0/8, 2001:db8::/32,"
                            + " client certificate from X-Client-Cert (escaped-pem, at most 16384 characters), none when a trusted"
                            + " proxy forwards none, from other peers: hide, ip.src from x-forwarded-for",
                    policy.forwarding().describe());
        }
    }

    @Test
    void everyForwardingFeatureNeedsTrustedProxies() {
        failsAt(
                "certgate.host.api.forwarded-cert.format",
                base("certgate.host.api.forwarded-cert.format", "xfcc"),
                "certgate.trusted-proxies");

        failsAt("certgate.client-address", base("certgate.client-address", "forwarded"));

        failsAt("certgate.forwarded-host", base("certgate.forwarded-host", "x-forwarded-host"));
    }

    @Test
    void badValuesNameTheirKey() {
        failsAt("certgate.trusted-proxies", base("certgate.trusted-proxies", "10.0.0.1/8"));

        Map<String, String> p = base();
        p.put("certgate.host.api.trusted-proxies", "10.0.0.0/8");
        p.put("certgate.host.api.forwarded-cert.format", "auto");
        failsWith(p, "expected none, rfc9440, xfcc, escaped-pem or traefik");

        p.put("certgate.host.api.forwarded-cert.format", "escaped-pem");
        failsAt("certgate.host.api.forwarded-cert.header", p, "X-Amzn-Mtls-Clientcert");

        p.put("certgate.host.api.forwarded-cert.header", "X Client Cert");
        failsAt("certgate.host.api.forwarded-cert.header", p);

        p.put("certgate.host.api.forwarded-cert.header", "X-Client-Cert");
        p.put("certgate.host.api.forwarded-cert.chain-header", "X-Client-Chain");
        failsAt("certgate.host.api.forwarded-cert.chain-header", p);
        p.remove("certgate.host.api.forwarded-cert.chain-header");

        p.put("certgate.host.api.forwarded-cert.max-bytes", "0");
        failsAt("certgate.host.api.forwarded-cert.max-bytes", p);
        p.remove("certgate.host.api.forwarded-cert.max-bytes");

        p.put("certgate.host.api.forwarded-cert.from-untrusted", "ignore");
        failsAt("certgate.host.api.forwarded-cert.from-untrusted", p);
        p.remove("certgate.host.api.forwarded-cert.from-untrusted");

        p.put("certgate.host.api.forwarded-cert.expose", "yes");
        failsAt("certgate.host.api.forwarded-cert.expose", p);
    }

    @Test
    void certificateSettingsWithoutAFormatAreAMistake() {
        failsAt(
                "certgate.host.api.forwarded-cert.header",
                base(
                        "certgate.trusted-proxies",
                        "10.0.0.0/8",
                        "certgate.host.api.forwarded-cert.header",
                        "X-Client-Cert"),
                "forwarded-cert.format is none");
    }

    @Test
    void misspelledForwardingKeysAreUnknown() {
        failsAt("certgate.trusted-proxy", base("certgate.trusted-proxy", "10.0.0.0/8"));
    }
}
