package dev.certgate.internal.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Named lists ({@code $name} after {@code in}) defined in the configuration, as raw item texts.
 * Items are parsed when an expression uses the list, according to the type compared with it:
 * IP addresses, CIDRs and {@code a..b} ranges; exact strings; integers and {@code lo..hi} ranges.
 */
public final class NamedLists {
    public static final NamedLists EMPTY = new NamedLists(Map.of());

    private final Map<String, List<String>> lists;

    private NamedLists(Map<String, List<String>> lists) {
        this.lists = lists;
    }

    /**
     * Lists by name (a leading {@code $} is allowed and ignored). Names are lowercase letters,
     * digits, {@code _} and inner dots. Throws IllegalArgumentException for a bad name or a null.
     */
    public static NamedLists of(Map<String, List<String>> lists) {
        Map<String, List<String>> copy = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : lists.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "list name");
            if (name.startsWith("$")) {
                name = name.substring(1);
            }
            if (!isValidName(name)) {
                throw new IllegalArgumentException(
                        "invalid list name '" + e.getKey() + "': use lowercase letters, digits, _ and inner dots");
            }
            List<String> items = new ArrayList<>();
            for (String item : Objects.requireNonNull(e.getValue(), "items of list " + name)) {
                items.add(Objects.requireNonNull(item, "item of list " + name));
            }
            copy.put(name, Collections.unmodifiableList(items));
        }
        return new NamedLists(Collections.unmodifiableMap(copy));
    }

    public Set<String> names() {
        return lists.keySet();
    }

    /** The raw items of a list, or null when there is no such list. */
    List<String> items(String name) {
        return lists.get(name);
    }

    static boolean isValidName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
