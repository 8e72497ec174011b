package dev.certgate.internal.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The shortcuts that compare a request string without encoding it agree with comparing its UTF-8
 * bytes, whatever the text: ASCII, multi-byte, lone surrogates.
 */
class AsciiFastPathPropertiesTest {

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.chars().range('a', 'f'),
                Arbitraries.chars().range('A', 'F'),
                Arbitraries.of('/', '.'),
                Arbitraries.of('é', 'ß', '€', 'İ', '\uD83D', '\uDE00', '\u0080', '\u07FF'));
        return chars.list().ofMaxSize(8).map(l -> {
            StringBuilder sb = new StringBuilder();
            l.forEach(sb::append);
            return sb.toString();
        });
    }

    @Property(tries = 5000)
    void affixAgreesWithTheBytes(@ForAll("texts") String s, @ForAll("texts") String affixText) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        byte[] affix = affixText.getBytes(StandardCharsets.UTF_8);
        for (boolean prefix : new boolean[] {true, false}) {
            Boolean fast = ByteString.asciiAffix(s, affix, prefix);
            if (fast == null) {
                continue; // the caller compares the bytes
            }
            boolean expected = affix.length <= bytes.length
                    && Arrays.equals(
                            affix,
                            0,
                            affix.length,
                            bytes,
                            prefix ? 0 : bytes.length - affix.length,
                            prefix ? affix.length : bytes.length);
            assertEquals(
                    expected, fast, () -> (prefix ? "prefix" : "suffix") + " of '" + s + "' by '" + affixText + "'");
        }
    }

    @Property(tries = 2000)
    void lowerOfATextEqualsLowerOfItsBytes(@ForAll("texts") String s) {
        // A String result must encode to the bytes that lowering the encoded input gives.
        Object viaFunction = Functions.lowerValue(s);
        byte[] expected = Functions.lower(s.getBytes(StandardCharsets.UTF_8));
        byte[] actual = viaFunction instanceof String t ? t.getBytes(StandardCharsets.UTF_8) : (byte[]) viaFunction;
        assertArrayEquals(expected, actual, s);
    }
}
