package dev.certgate.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.certgate.internal.settings.Key.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The property tables of docs/configuration.md and docs/revocation.md are generated from the key
 * catalogue: each sits between {@code <!-- certgate-keys: SECTION -->} and {@code <!-- /certgate-keys -->}.
 * This test fails when a table and the catalogue disagree; after changing {@link Keys}, run it with
 * {@code -Dcertgate.docs.update=true} to rewrite the tables.
 */
class ConfigurationDocsTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final Pattern TABLE =
            Pattern.compile("(<!-- certgate-keys: ([A-Z_]+) -->\\n)(.*?)(<!-- /certgate-keys -->)", Pattern.DOTALL);

    @Test
    void configurationTablesAreTheCatalogue() throws IOException {
        check("configuration.md", EnumSet.complementOf(EnumSet.of(Section.REVOCATION)));
    }

    @Test
    void revocationTableIsTheCatalogue() throws IOException {
        check("revocation.md", EnumSet.of(Section.REVOCATION));
    }

    private static void check(String file, Set<Section> sections) throws IOException {
        Path path = DOCS.resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        Matcher m = TABLE.matcher(text);
        StringBuilder updated = new StringBuilder();
        Set<Section> found = EnumSet.noneOf(Section.class);
        while (m.find()) {
            Section section = Section.valueOf(m.group(2));
            found.add(section);
            String expected = table(section);
            if (Boolean.getBoolean("certgate.docs.update")) {
                m.appendReplacement(updated, Matcher.quoteReplacement(m.group(1) + expected + m.group(4)));
            } else {
                assertEquals(
                        expected,
                        m.group(3),
                        file + ", table " + section + " differs from the key catalogue"
                                + " (dev.certgate.internal.settings.Keys); rerun this test with -Dcertgate.docs.update=true");
            }
        }
        m.appendTail(updated);
        assertEquals(sections, found, file + " must hold one generated table per section");
        if (Boolean.getBoolean("certgate.docs.update")) {
            Files.writeString(path, updated.toString(), StandardCharsets.UTF_8);
        }
    }

    /** The Markdown table of a section: one row per key, as the docs show it. */
    static String table(Section section) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                section == Section.REVOCATION ? "| key | default | meaning |\n" : "| property | default | meaning |\n");
        sb.append("|---|---|---|\n");
        String group = "";
        for (Key key : Keys.in(section)) {
            String shown = shownName(key);
            if (section == Section.REVOCATION) {
                int dot = shown.indexOf('.');
                String g = dot < 0 ? "" : shown.substring(0, dot);
                if (!g.equals(group)) {
                    sb.append("| **").append(g.toUpperCase(Locale.ROOT)).append("** | | |\n");
                    group = g;
                }
            }
            String dflt = key.defaultDoc().isEmpty() ? "" : " " + key.defaultDoc();
            sb.append("| `")
                    .append(shown)
                    .append("` |")
                    .append(dflt)
                    .append(" | ")
                    .append(key.description())
                    .append(" |\n");
        }
        return sb.toString();
    }

    /**
     * Rule keys as {@code ….expression}, revocation keys below {@code certgate.revocation.}, forwarding
     * keys that a host group may set too below {@code certgate.}, others in full.
     */
    private static String shownName(Key key) {
        return switch (key.section()) {
            case RULES -> "…." + key.relativeTo("certgate.rule.<rule>.");
            case REVOCATION -> key.relativeTo(Keys.REVOCATION_PREFIX);
            case FORWARDING -> key.perHost() ? key.relativeTo("certgate.") : key.name();
            default -> key.name();
        };
    }

    @Test
    void everyKeyHasDocumentation() {
        for (Key key : Keys.all()) {
            assertTrue(key.name().startsWith("certgate."), key.name());
            assertTrue(
                    !key.description().isBlank()
                            && !key.description().contains("\n")
                            && !key.description().contains("|"),
                    key.name() + ": one line of documentation, no table separator");
        }
    }
}
