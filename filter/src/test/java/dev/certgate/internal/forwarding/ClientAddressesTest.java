package dev.certgate.internal.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.0/8", "2001:db8::/32"));

    private static String client(String peer, String header, String... lines) {
        FakeRequest r = new FakeRequest(peer, Map.of(header, List.of(lines)));
        return ClientAddresses.clientOf(
                r.proxy(),
                header.equals("Forwarded") ? ClientAddresses.Source.FORWARDED : ClientAddresses.Source.X_FORWARDED_FOR,
                PROXIES);
    }

    @Test
    void rightMostUntrustedAddressOfXForwardedFor() {
        // The client wrote "6.6.6.6" itself; 198.51.100.1 is where the first trusted proxy got it from.
        assertEquals("198.51.100.1", client("10.0.0.2", "X-Forwarded-For", "6.6.6.6, 198.51.100.1, 10.0.0.1"));
        assertEquals("198.51.100.1", client("10.0.0.2", "X-Forwarded-For", "6.6.6.6", "198.51.100.1,10.0.0.1"));
        assertEquals("203.0.113.9", client("10.0.0.2", "X-Forwarded-For", "203.0.113.9"));
    }

    @Test
    void onlyTrustedHopsMeansTheLeftMostOne() {
        assertEquals("10.0.0.1", client("10.0.0.2", "X-Forwarded-For", "10.0.0.1"));
        assertEquals("10.0.0.2", client("10.0.0.2", "X-Forwarded-For"), "no header: the peer");
    }

    @Test
    void portsBracketsAndIpv6() {
        assertEquals("198.51.100.1", client("10.0.0.2", "X-Forwarded-For", "198.51.100.1:5555"));
        assertEquals("2001:db9::1", client("2001:db8::2", "X-Forwarded-For", "[2001:db9::1]:443"));
        assertEquals("2001:db9::1", client("[2001:db8::2]", "X-Forwarded-For", "2001:db9::1, 2001:db8::7"));
    }

    @Test
    void anUnreadableHopStopsTheWalkAtTheProxyThatReportedIt() {
        assertEquals("10.0.0.2", client("10.0.0.2", "X-Forwarded-For", "198.51.100.1, unknown"));
        assertEquals("10.0.0.1", client("10.0.0.2", "X-Forwarded-For", "6.6.6.6, garbage, 10.0.0.1"));
        assertEquals("10.0.0.2", client("10.0.0.2", "X-Forwarded-For", "198.51.100.1, "));
    }

    @Test
    void forwardedForWithQuotesPortsAndObfuscation() {
        assertEquals(
                "198.51.100.1",
                client("10.0.0.2", "Forwarded", "for=6.6.6.6, for=198.51.100.1;proto=https, for=10.0.0.1"));
        assertEquals("2001:db9::1", client("10.0.0.2", "Forwarded", "for=\"[2001:db9::1]:4711\";by=10.0.0.2"));
        assertEquals("10.0.0.2", client("10.0.0.2", "Forwarded", "for=198.51.100.1, for=_hidden"));
        assertEquals(
                "10.0.0.2",
                client("10.0.0.2", "Forwarded", "for=198.51.100.1, proto=https"),
                "an element without for= is a hop we cannot read");
        assertEquals("10.0.0.2", client("10.0.0.2", "Forwarded", "for=198.51.100.1, for=\"unbalanced"));
        assertEquals(
                "10.0.0.2",
                client("10.0.0.2", "Forwarded", "for=198.51.100.1, for=1.2.3.4;for=5.6.7.8"),
                "a parameter twice makes the element unreadable");
    }

    @Test
    void parse() {
        assertEquals("192.0.2.1", ClientAddresses.parse(" 192.0.2.1 ").toString());
        assertEquals("::1", ClientAddresses.parse("[::1]").toString());
        assertEquals("fe80::1", ClientAddresses.parse("fe80::1%eth0").toString());
        assertNull(ClientAddresses.parse("[::1"));
        assertNull(ClientAddresses.parse("1.2.3.4:"));
        assertNull(ClientAddresses.parse("1.2.3.4:99999999"));
        assertNull(ClientAddresses.parse("[::1]x"));
        assertNull(ClientAddresses.parse(""));
    }
}
