package dev.certgate.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {
    @ParameterizedTest
    @CsvSource({
        "API.Example.com.:8443, api.example.com",
        "api.example.com, api.example.com",
        "api.example.com:443, api.example.com",
        "api.example.com.., api.example.com",
        "' Api.Example.COM ', api.example.com",
        "[::1]:8443, [::1]",
        "[2001:DB8::1], [2001:db8::1]",
        "192.0.2.1:80, 192.0.2.1",
        "'', ''"
    })
    void requestHostsAreNormalised(String header, String expected) {
        assertEquals(expected, HostNames.normalizeRequestHost(header));
    }

    @ParameterizedTest
    @CsvSource({
        "API.example.com., api.example.com",
        "*.Example.com, *.example.com",
        "xn--bcher-kva.example, xn--bcher-kva.example"
    })
    void configuredNamesAreNormalised(String name, String expected) {
        assertEquals(expected, HostNames.normalizeConfiguredName(name));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "api..example.com",
                "*.com",
                "a.*.example.com",
                "api.exa mple.com",
                "-api.example.com",
                "bücher.example",
                "*",
                "api.example.com/path",
                "api.example.com:8443"
            })
    void malformedConfiguredNamesAreRejected(String name) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HostNames.normalizeConfiguredName(name));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }
}
