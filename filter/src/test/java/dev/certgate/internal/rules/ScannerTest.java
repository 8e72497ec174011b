package dev.certgate.internal.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Character scanning and literal decoding, apart from the grammar. */
class ScannerTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void trimsTheExpressionAndSkipsSpacesButNotTabs() throws RuleSyntaxException {
        Scanner s = new Scanner("  a \r\n b  ");
        assertEquals(2, s.pos);
        assertEquals(8, s.end);
        assertEquals("a", s.identifier());
        s.skipSpace();
        assertEquals('b', s.peek());
        s.pos++;
        assertEquals(-1, s.peek());
        Scanner tab = new Scanner("a\tb");
        tab.pos = 1;
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, tab::skipSpace);
        assertTrue(e.getMessage().contains("tab characters"), e.getMessage());
    }

    @Test
    void quotedStringsDecodeTheirEscapesToBytes() throws RuleSyntaxException {
        Scanner s = new Scanner("\"a\\\"b\\\\c\\x41\\101\u00e9\" rest");
        assertArrayEquals(utf8("a\"b\\cAA\u00e9"), s.quotedString());
        assertEquals(' ', s.peek());
        assertArrayEquals(new byte[] {(byte) 0xff}, new Scanner("\"\\377\"").quotedString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc", "\"\\n\"", "\"\\x4\"", "\"\\400\"", "\"\\8\"", "\"\\u0041\"", "\"a\\"})
    void badQuotedStringsAreRefused(String literal) {
        assertThrows(RuleSyntaxException.class, () -> new Scanner(literal).quotedString(), literal);
    }

    @Test
    void rawStringsEndAtTheirHashes() throws RuleSyntaxException {
        Scanner s = new Scanner("r#\"a\"b\\\"# x");
        assertTrue(s.rawStringAhead());
        assertArrayEquals(utf8("a\"b\\"), s.rawString());
        assertEquals(" x", s.src.substring(s.pos));
        assertThrows(RuleSyntaxException.class, () -> new Scanner("r#\"abc\"").rawString());
        assertFalse(new Scanner("raw").rawStringAhead());
    }

    @Test
    void byteListsNeedTwoPairsAndNoTrailingWordCharacter() {
        assertArrayEquals(new byte[] {0x6f, 0x72, 0x67}, new Scanner("6F:72-67").byteList());
        assertArrayEquals(new byte[] {0x0a, 0x0b}, new Scanner("0a.0b").byteList());
        assertNull(new Scanner("6F").byteList());
        Scanner notOne = new Scanner("6F:72x");
        assertNull(notOne.byteList());
        assertEquals(0, notOne.pos, "gives the characters back");
    }

    @Test
    void regexTextKeepsEscapesButUnquotesTheQuoteOutsideClasses() throws RuleSyntaxException {
        assertEquals("a\"b\\.c[\\\"]", new Scanner("\"a\\\"b\\.c[\\\"]\"").quotedRegex());
        assertEquals("[\"]", new Scanner("\"[\"]\"").quotedRegex());
    }

    @ParameterizedTest
    @CsvSource({
        "42,42",
        "-7,-7",
        "0x1F,31",
        "017,15",
        "0,0",
        "9223372036854775807,9223372036854775807",
        "-9223372036854775808,-9223372036854775808"
    })
    void integersInEveryRadix(String text, long value) throws RuleSyntaxException {
        assertEquals(value, new Scanner(text).intLiteral());
    }

    @ParameterizedTest
    @ValueSource(strings = {"08", "0X1", "-0x1", "1.5", "9223372036854775808", "0x", "x"})
    void badIntegersAreRefused(String text) {
        assertThrows(RuleSyntaxException.class, () -> new Scanner(text).intLiteral(), text);
    }

    @Test
    void ipItemsAreAddressesOrInSetsAlsoCidrsAndRanges() throws RuleSyntaxException {
        assertEquals("192.0.2.1", new Scanner("192.0.2.1").ipItem(false).text);
        assertEquals("2001:db8::1", new Scanner("2001:DB8:0::1").ipItem(false).text);
        Scanner.IpItem cidr = Scanner.parseIpItem("10.0.0.0/8", true);
        assertEquals("10.0.0.0", cidr.start.toString());
        assertEquals("10.255.255.255", cidr.end.toString());
        assertEquals("10.0.0.1..10.0.0.9", Scanner.parseIpItem("10.0.0.1..10.0.0.9", true).text);
        assertThrows(IllegalArgumentException.class, () -> Scanner.parseIpItem("10.0.0.0/8", false));
        assertThrows(IllegalArgumentException.class, () -> Scanner.parseIpItem("10.0.0.1/8", true));
        assertThrows(IllegalArgumentException.class, () -> Scanner.parseIpItem("10.0.0.9..10.0.0.1", true));
        assertThrows(RuleSyntaxException.class, () -> new Scanner("\"192.0.2.1\"").ipItem(false));
    }

    @Test
    void identifiersAreDottedWordsAndGiveBackATrailingDot() {
        Scanner s = new Scanner("http.request.uri. eq");
        assertEquals("http.request.uri", s.identifier());
        assertEquals('.', s.peek());
        assertTrue(new Scanner("not x").wordAhead("not"));
        assertFalse(new Scanner("nothing").wordAhead("not"));
        assertFalse(new Scanner("not.x").wordAhead("not"));
    }

    @Test
    void tokensAreDescribedForMessages() {
        assertEquals("'eq'", new Scanner("eq 1").describeToken());
        assertEquals("'=='", new Scanner("== 1").describeToken());
        assertEquals("'{'", new Scanner("{").describeToken());
        Scanner done = new Scanner("a");
        done.pos = 1;
        assertEquals("end of the expression", done.describeToken());
    }
}
