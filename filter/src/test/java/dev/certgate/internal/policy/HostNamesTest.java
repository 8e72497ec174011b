package dev.certgate.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {
    /** A Host header as a request carries it (port, trailing dots, case, spaces), and a configured name. */
    @ParameterizedTest
    @CsvSource({
        "request, API.Example.com.:8443, api.example.com",
        "request, api.example.com, api.example.com",
        "request, api.example.com:443, api.example.com",
        "request, api.example.com.., api.example.com",
        "request, ' Api.Example.COM ', api.example.com",
        "request, [::1]:8443, [::1]",
        "request, [2001:DB8::1], [2001:db8::1]",
        "request, 192.0.2.1:80, 192.0.2.1",
        "request, '', ''",
        "configured, API.example.com., api.example.com",
        "configured, *.Example.com, *.example.com",
        "configured, xn--bcher-kva.example, xn--bcher-kva.example"
    })
    void namesAreNormalised(String kind, String name, String expected) {
        String normalised =
                kind.equals("request") ? HostNames.normalizeRequestHost(name) : HostNames.normalizeConfiguredName(name);
        assertEquals(expected, normalised);
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
