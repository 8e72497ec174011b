package dev.certgate.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {
    @ParameterizedTest
    @CsvSource({
        "192.0.2.1,192.0.2.1",
        "0.0.0.0,0.0.0.0",
        "::,::",
        "::1,::1",
        "2001:0DB8:0:0:0:0:0:1,2001:db8::1",
        "1:0:0:2:0:0:0:3,1:0:0:2::3",
        "::ffff:1.2.3.4,::ffff:1.2.3.4",
        "::ffff:0102:0304,::ffff:1.2.3.4",
        "1::,1::",
        "1:2:3:4:5:6:7:8,1:2:3:4:5:6:7:8",
        "::1.2.3.4,::102:304",
        "fe80::1:0:0:1,fe80::1:0:0:1"
    })
    void parsesAndPrintsCanonically(String in, String out) {
        assertEquals(out, IpAddress.parse(in).toString());
        assertEquals(IpAddress.parse(in), IpAddress.parse(out));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1.2.3",
                "1.2.3.4.5",
                "256.0.0.1",
                "01.2.3.4",
                "1.2.3.4/8",
                "::1%eth0",
                ":::",
                "1:::2",
                "1::2::3",
                "1:2:3:4:5:6:7:8:9",
                "12345::",
                ":1",
                "1:",
                "g::",
                "1.2.3.4:5",
                "::1.2.3",
                " 1.2.3.4"
            })
    void rejects(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
    }

    @Test
    void familiesStayApart() {
        IpAddress v4 = IpAddress.parse("1.2.3.4");
        IpAddress mapped = IpAddress.parse("::ffff:1.2.3.4");
        assertTrue(v4.isV4());
        assertFalse(mapped.isV4());
        assertNotEquals(v4, mapped);
        assertEquals(IpAddress.parse("10.1.2.0"), IpAddress.parse("10.1.2.255").mask(24));
        assertEquals(
                IpAddress.parse("2001:db8::"), IpAddress.parse("2001:db8::ffff").mask(64));
    }
}
