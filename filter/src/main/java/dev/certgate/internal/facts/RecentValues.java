package dev.certgate.internal.facts;

import java.util.function.Function;

/**
 * Remembers what a pure function gave for the last few texts, in direct-mapped slots chosen by
 * the text's hash. For values a client sends again and again on the request path (the
 * {@code Host} header, its address), a hit costs one string comparison instead of the function.
 * Fixed in size, so arbitrary client-chosen texts only overwrite slots; slots hold immutable
 * pairs, so racy reads and writes are safe. Null results are not remembered.
 *
 * @param <V> the function's result, immutable
 */
public final class RecentValues<V> {
    private final Function<String, V> function;
    private final int maxRememberedLength;
    private final Slot<V>[] slots;

    /**
     * @param slots               how many texts to remember; a power of two
     * @param maxRememberedLength longer texts are passed to the function every time, not kept
     */
    @SuppressWarnings("unchecked")
    public RecentValues(int slots, int maxRememberedLength, Function<String, V> function) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.slots = new Slot[slots];
        this.maxRememberedLength = maxRememberedLength;
        this.function = function;
    }

    public V get(String text) {
        int i = text.hashCode() & (slots.length - 1);
        Slot<V> s = slots[i];
        if (s != null && s.text.equals(text)) {
            return s.value;
        }
        V value = function.apply(text);
        if (value != null && text.length() <= maxRememberedLength) {
            slots[i] = new Slot<>(text, value);
        }
        return value;
    }

    private record Slot<V>(String text, V value) {}
}
