package io.huitong.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The audit trail is kept for good (PCI DSS 10.5.1 asks for at least a year): no code of the platform updates or
 * deletes a chained entry, an object index row or a seal. Only the queue's rows are deleted, once chained.
 */
class AuditRetentionTest {

    private static final Pattern CHANGES = Pattern.compile("(update\\s+audit_(entry|object|seal|seal_key)\\b|delete\\s+from\\s+audit_(entry|object|seal|seal_key)\\b"
            + "|truncate\\s+(table\\s+)?audit_(entry|object|seal|seal_key)\\b|drop\\s+table\\s+audit_(entry|object|seal|seal_key)\\b)");

    @Test
    void nothingInThePlatformChangesOrRemovesWhatIsOnTheChain() throws IOException {
        Path main = Path.of("src/main");
        assertThat(main).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".sql"))
                    .filter(p -> CHANGES.matcher(read(p).toLowerCase(Locale.ROOT)).find()).map(Path::toString).toList();
        }
        assertThat(offenders).as("code that changes or removes audit entries or seals").isEmpty();
        assertThat(CHANGES.matcher("delete from audit_entry where seq = 1").find()).as("the pattern finds what it looks for").isTrue();
        assertThat(CHANGES.matcher("delete from audit_pending where id = ?").find()).isFalse();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
