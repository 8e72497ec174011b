package dev.certgate.internal.rules;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** Matchers of Bytes values; the {@code String} paths avoid encoding when they can. */
abstract class BytesMatcher extends Matcher {
    BytesMatcher(String word, Object operand) {
        super(word, operand);
    }

    @Override
    final boolean match(Object value) {
        return value instanceof String ? matchString((String) value) : matchBytes((byte[]) value);
    }

    abstract boolean matchBytes(byte[] value);

    /** The one text this matcher accepts exactly ({@code eq "x"}, {@code in {"x"}}), or null. */
    String equalsText() {
        return null;
    }

    /** The texts this matcher accepts exactly (an equality or a set of valid UTF-8 literals), or null. */
    java.util.Set<String> equalTexts() {
        return null;
    }

    boolean matchString(String value) {
        return matchBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    static final class Compare extends BytesMatcher {
        private final Order order;
        private final ByteString literal;

        Compare(Order order, ByteString literal) {
            super(order.word, literal);
            this.order = order;
            this.literal = literal;
        }

        @Override
        boolean matchBytes(byte[] value) {
            return order.holds(ByteString.compare(value, literal.bytes()));
        }

        @Override
        String equalsText() {
            return order == Order.EQ ? literal.text : null;
        }

        @Override
        java.util.Set<String> equalTexts() {
            return order == Order.EQ && literal.text != null ? java.util.Set.of(literal.text) : null;
        }

        @Override
        boolean matchString(String value) {
            if (order == Order.EQ || order == Order.NE) {
                boolean equal = literal.text != null && literal.text.equals(value);
                return equal == (order == Order.EQ);
            }
            return order.holds(ByteString.compare(value, literal));
        }
    }

    static final class Contains extends BytesMatcher {
        private final ByteString literal;

        Contains(ByteString literal) {
            super("contains", literal);
            this.literal = literal;
        }

        /** The literal as text, or null when it is not valid UTF-8. */
        String containsText() {
            return literal.text;
        }

        @Override
        boolean matchBytes(byte[] value) {
            return indexOf(value, literal.bytes()) >= 0;
        }

        @Override
        boolean matchString(String value) {
            // A valid UTF-8 needle can only match a valid UTF-8 haystack on character boundaries.
            return literal.text != null ? value.contains(literal.text) : super.matchString(value);
        }

        static int indexOf(byte[] hay, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** {@code in {…}} and {@code in $list}: a hash set of the items. */
    static final class InSet extends BytesMatcher {
        private final Set<ByteString> items;
        private final Set<String> texts;
        /** With one item (the usual host rule) an equals() beats a hash lookup. */
        private final String single;

        InSet(Iterable<ByteString> items, String printed) {
            super("in", printed);
            this.items = new HashSet<>();
            this.texts = new HashSet<>();
            for (ByteString b : items) {
                this.items.add(b);
                if (b.text != null) {
                    texts.add(b.text);
                }
            }
            this.single = this.items.size() == 1 && texts.size() == 1
                    ? texts.iterator().next()
                    : null;
        }

        @Override
        boolean matchBytes(byte[] value) {
            return items.contains(new ByteString(value));
        }

        @Override
        boolean matchString(String value) {
            return single != null ? single.equals(value) : texts.contains(value);
        }

        @Override
        String equalsText() {
            return single;
        }

        @Override
        java.util.Set<String> equalTexts() {
            return texts.size() == items.size() ? java.util.Collections.unmodifiableSet(texts) : null;
        }
    }

    static final class WildcardMatch extends BytesMatcher {
        private final Wildcard pattern;

        WildcardMatch(Wildcard pattern) {
            super(pattern.strict ? "strict wildcard" : "wildcard", pattern.source);
            this.pattern = pattern;
        }

        @Override
        boolean matchBytes(byte[] value) {
            return pattern.matches(value);
        }

        @Override
        boolean matchString(String value) {
            return ByteString.isAscii(value) ? pattern.matchesAscii(value) : super.matchString(value);
        }
    }

    static final class RegexMatch extends BytesMatcher {
        private final Regex regex;

        RegexMatch(Regex regex) {
            super("matches", regex.printed());
            this.regex = regex;
        }

        @Override
        boolean matchBytes(byte[] value) {
            return regex.findBytes(value);
        }

        @Override
        boolean matchString(String value) {
            return regex.find(value);
        }
    }
}
