package dev.certgate.rules;

import java.util.List;
import java.util.Map;

/** Temporary stand-in until the rules branch lands. */
public final class NamedLists {
    public static final NamedLists EMPTY = new NamedLists(Map.of());

    private NamedLists(Map<String, List<String>> lists) {
    }

    public static NamedLists of(Map<String, List<String>> lists) {
        return new NamedLists(lists);
    }
}
