package dev.certgate.internal.forwarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A forwarding setting's value: an enum constant whose configured name is its own name in lower
 * case with dashes ({@code BAD_REQUEST} is {@code bad-request}).
 */
public interface ConfigChoice {
    String name();

    default String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The parser of one enum's configured names, for the forwarding loader. */
    static <E extends Enum<E> & ConfigChoice> Function<String, E> parser(Class<E> choices) {
        return value -> parse(choices.getEnumConstants(), value);
    }

    /**
     * The choice configured as {@code value} (case and surrounding space ignored).
     *
     * @param alsoAccepted names the caller handles itself, listed first in the message
     * @throws IllegalArgumentException naming every accepted value
     */
    static <E extends ConfigChoice> E parse(E[] choices, String value, String... alsoAccepted) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>(List.of(alsoAccepted));
        for (E choice : choices) {
            if (choice.configName().equals(v)) {
                return choice;
            }
            names.add(choice.configName());
        }
        String last = names.remove(names.size() - 1);
        throw new IllegalArgumentException(
                "expected " + String.join(", ", names) + " or " + last + ", got '" + value + "'");
    }
}
