package dev.certgate.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/rules.md documents exactly the fields of the scheme and the functions of the table. */
class SchemeDocsTest {
    private static final Path RULES_MD = Path.of("..", "docs", "rules.md");

    @Test
    void theFieldsTableListsEveryFieldOfTheScheme() throws IOException {
        Set<String> documented = firstColumnNames(section("## Fields"), "`([a-z][a-z0-9_.]*)`");
        Set<String> scheme = new TreeSet<>();
        for (Field f : EnumSet.allOf(Field.class)) {
            scheme.add(f.fieldName());
        }
        assertEquals(scheme, documented);
    }

    @Test
    void theFunctionsTableListsEveryFunction() throws IOException {
        Set<String> documented = firstColumnNames(section("## Functions"), "`([a-z_0-9]+)\\(");
        assertEquals(new TreeSet<>(Functions.NAMES), documented);
    }

    private static String section(String heading) throws IOException {
        String md = Files.readString(RULES_MD);
        int start = md.indexOf("\n" + heading + "\n");
        int end = md.indexOf("\n## ", start + 1);
        return md.substring(start, end < 0 ? md.length() : end);
    }

    /** Names in the first cell of each table row. */
    private static Set<String> firstColumnNames(String section, String regex) {
        Set<String> out = new TreeSet<>();
        Pattern p = Pattern.compile(regex);
        for (String line : section.split("\n")) {
            if (!line.startsWith("| ") || line.startsWith("|---")) {
                continue;
            }
            String first = line.substring(2, line.indexOf(" |", 1));
            Matcher m = p.matcher(first);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        out.remove("field");
        out.remove("function");
        return out;
    }
}
