package dev.certgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RequestHostTest {
    @Test
    void authorityOfTheRequestUrl() {
        assertEquals("api.example.com:8443", RequestHost.authorityOf("https://api.example.com:8443/x?y"));
        assertEquals("[::1]:8443", RequestHost.authorityOf("https://[::1]:8443/"));
        assertEquals("h", RequestHost.authorityOf("https://h"));
        assertEquals("h", RequestHost.authorityOf("https://h?q"));
        assertNull(RequestHost.authorityOf("https:///x"), "HTTP/2 without :authority (Jetty 12)");
        assertNull(RequestHost.authorityOf("/x"));
        assertNull(RequestHost.authorityOf(null));
    }
}
