package dev.certgate.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.policy.Policy;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The forwarding keys: off unless trusted proxies are set, every bad value named at start-up. */
class ForwardingLoaderTest {
    private static Map<String, String> base() {
        Map<String, String> p = new HashMap<>();
        p.put("certgate.hosts", "api");
        p.put("certgate.host.api.names", "api.example.com");
        p.put("certgate.host.api.mtls", "false");
        return p;
    }

    private static Policy load(Map<String, String> p) throws ConfigException {
        return PolicyLoader.load(new MapSource(p, "test"), getClass0(), Clock.systemUTC(), Set.of());
    }

    private static ClassLoader getClass0() {
        return ForwardingLoaderTest.class.getClassLoader();
    }

    private static ConfigException failure(Map<String, String> p) {
        return assertThrows(ConfigException.class, () -> load(p).close());
    }

    @Test
    void offByDefault() throws Exception {
        try (Policy policy = load(base())) {
            assertTrue(policy.forwarding().isOff());
        }
    }

    @Test
    void groupKeysReplaceGlobalOnesAndAreDescribed() throws Exception {
        Map<String, String> p = base();
        p.put("certgate.trusted-proxies", "10.0.0.0/8, 2001:db8::/32");
        p.put("certgate.forwarded-cert.format", "rfc9440");
        p.put("certgate.host.api.forwarded-cert.format", "escaped-pem");
        p.put("certgate.host.api.forwarded-cert.header", "X-Client-Cert");
        p.put("certgate.host.api.client-address", "x-forwarded-for");
        try (Policy policy = load(p)) {
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
        Map<String, String> p = base();
        p.put("certgate.host.api.forwarded-cert.format", "xfcc");
        ConfigException e = failure(p);
        assertEquals("certgate.host.api.forwarded-cert.format", e.property());
        assertTrue(e.getMessage().contains("certgate.trusted-proxies"), e.getMessage());

        p = base();
        p.put("certgate.client-address", "forwarded");
        assertEquals("certgate.client-address", failure(p).property());

        p = base();
        p.put("certgate.forwarded-host", "x-forwarded-host");
        assertEquals("certgate.forwarded-host", failure(p).property());
    }

    @Test
    void badValuesNameTheirKey() {
        Map<String, String> p = base();
        p.put("certgate.trusted-proxies", "10.0.0.1/8");
        assertEquals("certgate.trusted-proxies", failure(p).property());

        p = base();
        p.put("certgate.host.api.trusted-proxies", "10.0.0.0/8");
        p.put("certgate.host.api.forwarded-cert.format", "auto");
        assertTrue(failure(p).getMessage().contains("expected none, rfc9440, xfcc, escaped-pem or traefik"));

        p.put("certgate.host.api.forwarded-cert.format", "escaped-pem");
        ConfigException noHeader = failure(p);
        assertEquals("certgate.host.api.forwarded-cert.header", noHeader.property());
        assertTrue(noHeader.getMessage().contains("X-Amzn-Mtls-Clientcert"), noHeader.getMessage());

        p.put("certgate.host.api.forwarded-cert.header", "X Client Cert");
        assertEquals("certgate.host.api.forwarded-cert.header", failure(p).property());

        p.put("certgate.host.api.forwarded-cert.header", "X-Client-Cert");
        p.put("certgate.host.api.forwarded-cert.chain-header", "X-Client-Chain");
        assertEquals("certgate.host.api.forwarded-cert.chain-header", failure(p).property());
        p.remove("certgate.host.api.forwarded-cert.chain-header");

        p.put("certgate.host.api.forwarded-cert.max-bytes", "0");
        assertEquals("certgate.host.api.forwarded-cert.max-bytes", failure(p).property());
        p.remove("certgate.host.api.forwarded-cert.max-bytes");

        p.put("certgate.host.api.forwarded-cert.from-untrusted", "ignore");
        assertEquals(
                "certgate.host.api.forwarded-cert.from-untrusted", failure(p).property());
        p.remove("certgate.host.api.forwarded-cert.from-untrusted");

        p.put("certgate.host.api.forwarded-cert.expose", "yes");
        assertEquals("certgate.host.api.forwarded-cert.expose", failure(p).property());
    }

    @Test
    void certificateSettingsWithoutAFormatAreAMistake() {
        Map<String, String> p = base();
        p.put("certgate.trusted-proxies", "10.0.0.0/8");
        p.put("certgate.host.api.forwarded-cert.header", "X-Client-Cert");
        ConfigException e = failure(p);
        assertEquals("certgate.host.api.forwarded-cert.header", e.property());
        assertTrue(e.getMessage().contains("forwarded-cert.format is none"), e.getMessage());
    }

    @Test
    void misspelledForwardingKeysAreUnknown() {
        Map<String, String> p = base();
        p.put("certgate.trusted-proxy", "10.0.0.0/8");
        assertEquals("certgate.trusted-proxy", failure(p).property());
    }
}
