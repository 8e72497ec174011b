package dev.certgate.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {
    @Test
    void readsEveryKindOfValue() {
        Object v = JsonReader.parse(" {\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\\n\\/\"], \"b\": {}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1L, new BigDecimal("-2.5e3"), true, false, JsonReader.NULL, "x\u00e9\n/"), m.get("a"));
        assertEquals(Map.of(), m.get("b"));
        assertEquals(new BigDecimal("12345678901234567890"), JsonReader.parse("12345678901234567890"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{",
                "[1,]",
                "{\"a\":1,}",
                "01",
                "1.",
                ".5",
                "+1",
                "'a'",
                "\"\\x\"",
                "\"a\tb\"",
                "[1 2]",
                "{a:1}",
                "tru",
                "nul",
                "1 2",
                "\"\\u12\"",
                "1e",
                "-",
                "NaN",
                "1e99999999999"
            })
    void rejectsWhatRfc8259Rejects(String text) {
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(text));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[".repeat(100_000)));
    }
}
