package dev.certgate.internal.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private final TrustedProxies proxies =
            TrustedProxies.parse(List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "::1", "172.16.0.0/12"));

    /** Asserts that each peer address is (trusted) or is not (!trusted) one of the proxies. */
    private void assertTrusted(boolean trusted, String... peers) {
        for (String peer : peers) {
            assertEquals(trusted, proxies.contains(peer), peer);
        }
    }

    @Test
    void ipv4CidrsAndSingleAddresses() {
        assertTrusted(true, "10.1.2.3", "10.255.255.255", "192.0.2.7", "172.31.255.1");
        assertTrusted(false, "11.0.0.0", "192.0.2.8", "172.32.0.1");
    }

    @Test
    void ipv6PeersAsContainersReportThem() {
        assertTrusted(true, "2001:db8:ffff::1", "[2001:db8::5]", "0:0:0:0:0:0:0:1", "[::1]");
        assertTrue(proxies.contains("::1%lo"), "a zone id is dropped");
        assertTrusted(false, "2001:db9::1", "::2");
    }

    @Test
    void ipv4MappedPeersCompareAsIpv4AndFamiliesNeverMix() {
        assertTrue(proxies.contains("::ffff:10.9.8.7"));
        assertFalse(proxies.contains("::ffff:11.9.8.7"));
        // 10.0.0.0/8 is not ::a00:0/8 or anything else in IPv6.
        assertFalse(TrustedProxies.parse(List.of("::/8")).contains("10.0.0.1"));
        assertTrue(TrustedProxies.parse(List.of("::ffff:10.0.0.0/104")).contains("10.200.0.1"));
    }

    @Test
    void garbageIsNeverTrusted() {
        assertFalse(proxies.contains((String) null));
        assertTrusted(false, "", "unknown", "10.0.0.1, 10.0.0.2");
        assertFalse(TrustedProxies.NONE.contains("10.0.0.1"));
    }

    @Test
    void everyPeerIsFlagged() {
        assertTrue(TrustedProxies.parse(List.of("0.0.0.0/0")).trustsEveryone());
        assertFalse(proxies.trustsEveryone());
        assertEquals("10.0.0.0/8, 192.0.2.7/32, 2001:db8::/32, ::1/128, 172.16.0.0/12", proxies.toString());
    }

    @Test
    void badEntriesAreRejectedNotGuessed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.1.2.3/16")))
                .getMessage()
                .contains("10.1.0.0/16"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/33")))
                .getMessage()
                .contains("out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("proxy.internal")))
                .getMessage()
                .contains("'proxy.internal' is not an IP address or CIDR"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of("10.0.0.0/x")));
    }
}
