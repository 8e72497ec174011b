package dev.certgate.internal.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentValuesTest {
    private final AtomicInteger calls = new AtomicInteger();

    private String upper(String s) {
        calls.incrementAndGet();
        return s.startsWith("!") ? null : s.toUpperCase();
    }

    @Test
    void aRepeatedTextCostsOneCall() {
        RecentValues<String> recent = new RecentValues<>(8, 16, this::upper);
        assertEquals("API", recent.get("api"));
        assertEquals("API", recent.get(new String("api")));
        assertEquals(1, calls.get());
    }

    @Test
    void nullResultsAndLongTextsAreNotKept() {
        RecentValues<String> recent = new RecentValues<>(8, 4, this::upper);
        assertNull(recent.get("!x"));
        assertNull(recent.get("!x"));
        assertEquals("LONGER", recent.get("longer"));
        assertEquals("LONGER", recent.get("longer"));
        assertEquals(4, calls.get());
    }

    @Test
    void manyDistinctTextsOnlyOverwriteSlots() {
        RecentValues<String> recent = new RecentValues<>(4, 16, this::upper);
        for (int i = 0; i < 1000; i++) {
            assertEquals("H" + i, recent.get("h" + i));
        }
        assertEquals(1000, calls.get());
    }

    @Test
    void slotCountMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new RecentValues<>(6, 16, this::upper));
    }
}
