package io.huitong.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReportsTest {

    @Test
    void formatsKnowTheirMediaTypeAndExtension() {
        assertThat(ReportFormat.ofExtension("XLSX")).contains(ReportFormat.XLSX);
        assertThat(ReportFormat.ofExtension("pdf").orElseThrow().mediaType()).isEqualTo("application/pdf");
        assertThat(ReportFormat.CSV.mediaType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(ReportFormat.ofExtension("doc")).isEmpty();
        assertThat(ReportFormat.ofExtension(null)).isEmpty();
    }

    @Test
    void everyFormatFlushesButLeavesTheCallersStreamOpen() throws IOException {
        for (ReportFormat format : EnumSet.allOf(ReportFormat.class)) {
            boolean[] closed = {false};
            ByteArrayOutputStream out = new ByteArrayOutputStream() {
                @Override
                public void close() {
                    closed[0] = true;
                }
            };
            Reports.write(Statements.twoLines(), format, out);
            assertThat(out.size()).as(format.name()).isPositive();
            assertThat(closed[0]).as(format.name()).isFalse();
        }
    }

    @Test
    void aStreamThatFailsStopsTheRowsAndTheCallerSeesTheIOException() {
        for (ReportFormat format : EnumSet.allOf(ReportFormat.class)) {
            AtomicLong pulled = new AtomicLong();
            Report report = Statements.report(sink -> Statements.lines(1_000_000).forEachRemaining(row -> {
                pulled.incrementAndGet();
                sink.accept(row);
            }));
            OutputStream broken = new OutputStream() {
                private long written;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    written += len;
                    if (written > 200_000) {
                        throw new IOException("connection reset");
                    }
                }
            };
            assertThatThrownBy(() -> Reports.write(report, format, broken)).as(format.name())
                    .isInstanceOf(IOException.class).hasMessage("connection reset");
            assertThat(pulled.get()).as(format.name()).isLessThan(100_000);
        }
    }
}
