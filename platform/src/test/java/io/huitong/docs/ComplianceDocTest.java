package io.huitong.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/compliance.md} maps each control to code and to tests: every row names at least one test, and every
 * test it names exists (a class, or a method of one), so that the table cannot point at tests that were renamed or
 * removed.
 */
class ComplianceDocTest {

    private static final Path DOC = Path.of("../docs/compliance.md");
    private static final Path TESTS = Path.of("src/test/java/io/huitong");
    private static final Pattern REFERENCE = Pattern.compile("`([a-z0-9/]+/)?([A-Z][A-Za-z0-9]*)?(?:\\.([a-zA-Z0-9_]+))?`");

    @Test
    void everyControlNamesTestsThatExist() throws IOException {
        List<String> problems = new ArrayList<>();
        int rows = 0;
        for (String line : Files.readAllLines(DOC)) {
            if (!line.startsWith("| ") || line.startsWith("| requirement") || line.startsWith("| control") || line.startsWith("| rule")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 5) {
                continue;
            }
            rows++;
            String control = cells[1].strip();
            String tests = cells[cells.length - 1].strip();
            Matcher m = REFERENCE.matcher(tests);
            String path = null;
            String type = null;
            int found = 0;
            while (m.find()) {
                if (m.group(1) != null) {
                    path = m.group(1);
                }
                if (m.group(2) != null) {
                    type = m.group(2);
                }
                if (path == null || type == null) {
                    problems.add(control + ": " + m.group() + " names no test class");
                    continue;
                }
                Path file = TESTS.resolve(path + type + ".java");
                if (!Files.exists(file)) {
                    problems.add(control + ": no test class " + file);
                    continue;
                }
                if (m.group(3) != null && !Files.readString(file).matches("(?s).*[ >]" + m.group(3) + "\\(.*")) {
                    problems.add(control + ": no test " + type + "." + m.group(3));
                    continue;
                }
                found++;
            }
            if (found == 0) {
                problems.add(control + ": no test");
            }
        }
        assertThat(rows).as("controls in the table").isGreaterThanOrEqualTo(20);
        assertThat(problems).isEmpty();
    }
}
