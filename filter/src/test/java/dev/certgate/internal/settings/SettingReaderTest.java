package dev.certgate.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One rule for case, blanks and lists, and errors that name the exact property. */
class SettingReaderTest {
    /** The exception a caller would report with; keeps the property apart from the message. */
    static final class Bad extends Exception {
        final String property;

        Bad(String property, String problem) {
            super(property + ": " + problem);
            this.property = property;
        }
    }

    private final Map<String, String> values = new HashMap<>();
    private final SettingReader<Bad> read = SettingReader.of(name -> Optional.ofNullable(values.get(name)), Bad::new);

    @Test
    void choicesAndBooleansAreMatchedInAnyCaseAndReturnedAsCatalogued() throws Bad {
        values.put("certgate.mode", "REPORT-ONLY");
        values.put("certgate.enabled", " False ");
        values.put("certgate.revocation.failure", "Soft");
        assertEquals("report-only", read.choice(Keys.MODE));
        assertFalse(read.bool(Keys.ENABLED));
        assertEquals("soft", read.choice(Keys.REVOCATION_FAILURE));
    }

    @Test
    void blankIsUnsetAndUnsetIsTheCatalogueDefault() throws Bad {
        values.put("certgate.mode", "   ");
        assertEquals("enforce", read.choice(Keys.MODE));
        assertTrue(read.bool(Keys.HOST_MTLS.of("api")));
        assertEquals(10_000, read.positiveInt(Keys.VERIFICATION_CACHE_SIZE));
        assertEquals(List.of("REQUEST"), read.list(Keys.DISPATCHERS));
        assertEquals(List.of(), read.list(Keys.HOSTS));
        assertEquals(Optional.empty(), read.string(Keys.BLOCK_BODY));
    }

    @Test
    void listsAreSplitAtCommasStrippedAndEmptyItemsDropped() {
        values.put("certgate.hosts", " api , ,partners,, ");
        values.put("certgate.revocation.crl.sources", "file:/a.crl ,, classpath:b.crl");
        assertEquals(List.of("api", "partners"), read.list(Keys.HOSTS));
        assertEquals(List.of("file:/a.crl", "classpath:b.crl"), read.list(Keys.CRL_SOURCES));
    }

    @Test
    void badValuesNameTheExactPropertyAndWhatWasExpected() {
        values.put("certgate.host.api.mtls", "yes");
        Bad e = assertThrows(Bad.class, () -> read.bool(Keys.HOST_MTLS.of("api")));
        assertEquals("certgate.host.api.mtls", e.property);
        assertEquals("certgate.host.api.mtls: expected true or false, got 'yes'", e.getMessage());

        values.put("certgate.verification.cache-size", "0");
        assertEquals(
                "certgate.verification.cache-size: expected a positive whole number, got '0'",
                assertThrows(Bad.class, () -> read.positiveInt(Keys.VERIFICATION_CACHE_SIZE))
                        .getMessage());
        values.put("certgate.verification.cache-size", "many");
        assertEquals(
                "certgate.verification.cache-size: expected a whole number, got 'many'",
                assertThrows(Bad.class, () -> read.positiveInt(Keys.VERIFICATION_CACHE_SIZE))
                        .getMessage());
    }

    @Test
    void aPartialReaderReadsRelativeKeysAndNamesTheFullProperty() throws Bad {
        // A revocation checker's view: keys below certgate.revocation.crl., a host group's value found first.
        Map<String, String> host = Map.of("read-timeout", "250ms", "max-size", "2MiB", "retry.min", "ten seconds");
        SettingReader<Bad> crl = new SettingReader<>(
                "certgate.revocation.crl.",
                key -> Optional.ofNullable(host.get(key)),
                key -> "certgate.host.api.revocation.crl." + key,
                Bad::new);
        assertEquals(Duration.ofMillis(250), crl.duration(Keys.CRL_READ_TIMEOUT));
        assertEquals(Duration.ofSeconds(3), crl.duration(Keys.CRL_CONNECT_TIMEOUT));
        assertEquals(2L * 1024 * 1024, crl.size(Keys.CRL_MAX_SIZE));
        Bad e = assertThrows(Bad.class, () -> crl.duration(Keys.CRL_RETRY_MIN));
        assertEquals("certgate.host.api.revocation.crl.retry.min", e.property);
        assertThrows(
                IllegalArgumentException.class,
                () -> crl.duration(Keys.OCSP_MAX_AGE),
                "a key outside the reader's part is a programming error");
    }

    @Test
    void urisNameTheirPropertyAndAcceptTheSchemeInAnyCase() throws Bad {
        values.put("certgate.revocation.crl.sources", "FILE:/a.crl, ftp://x/y.crl");
        Bad e = assertThrows(Bad.class, () -> read.uris(Keys.CRL_SOURCES, "file", "http"));
        assertEquals("certgate.revocation.crl.sources", e.property);
        assertTrue(e.getMessage().contains("ftp://x/y.crl"), e.getMessage());
        values.put("certgate.revocation.crl.sources", "FILE:/a.crl");
        assertEquals(List.of(URI.create("FILE:/a.crl")), read.uris(Keys.CRL_SOURCES, "file"));
    }

    @Test
    void everyCatalogueDefaultIsReadableAsItsType() throws Bad {
        SettingReader<Bad> defaults = SettingReader.of(name -> Optional.empty(), Bad::new);
        for (Key key : Keys.all()) {
            Key k = key;
            switch (key.type()) {
                case BOOLEAN -> defaults.bool(k);
                case CHOICE -> assertEquals(key.choices().get(0), defaults.choice(k), key.name());
                case INTEGER -> defaults.wholeNumber(k, key.defaultValue().orElseThrow());
                case DURATION -> defaults.duration(k);
                case SIZE -> defaults.size(k);
                case LIST, STRING -> defaults.list(k);
            }
        }
    }

    @Test
    void placeholdersAndHostSpellings() {
        assertEquals("certgate.host.api.names", Keys.HOST_NAMES.of("api").name());
        assertEquals(
                "certgate.host.api.rule.r1.expression",
                Keys.RULE_EXPRESSION.inHost("api").of("r1").name());
        assertEquals(
                List.of("certgate.revocation.scope", "certgate.host.<id>.revocation.scope"),
                Keys.REVOCATION_SCOPE.patterns());
        assertEquals("crl.sources", Keys.CRL_SOURCES.relativeTo(Keys.REVOCATION_PREFIX));
        assertThrows(IllegalStateException.class, () -> Keys.HOST_NAMES.inHost("api"));
        assertEquals(
                Keys.all().size(), Keys.all().stream().map(Key::name).distinct().count(), "names are unique");
    }
}
