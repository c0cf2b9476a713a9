package io.huitong.protocols.statements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A 2,000,000-line settlement file, made up while it is read so that only the reader could hold it in memory:
 * it must not. The time is printed for the record.
 */
class LargeAcquirerFileTest {

    static final int LINES = 2_000_000;

    /** The file's bytes, one line at a time, with the trailer's totals added up as the lines are made. */
    static final class GeneratedFile extends InputStream {
        private final int lines;
        private int next = -1;
        private byte[] current = "H,acquirer_settlement,1,acq_a,2026-12-05\r\n".getBytes(StandardCharsets.US_ASCII);
        private int position;
        private long amounts;
        private long fees;
        private boolean ended;

        GeneratedFile(int lines) {
            this.lines = lines;
        }

        private boolean advance() {
            if (position < current.length) {
                return true;
            }
            if (ended) {
                return false;
            }
            next++;
            position = 0;
            if (next < lines) {
                long amount = 100 + next % 100_000;
                long fee = amount * 6 / 1000;
                amounts += amount;
                fees += fee;
                String stan = Integer.toString(100_000 + next % 900_000);
                current = ("D,sale," + stan + ",2026-12-05T03:12:45Z,424242******4242," + amount + ",CNY,0001" + (10_000_000 + next)
                        + ",482913,pay_" + next + ",mer_1," + fee + "," + (amount - fee) + ",,settled\r\n").getBytes(StandardCharsets.US_ASCII);
            } else {
                ended = true;
                current = ("T," + lines + "," + amounts + "," + fees + "," + (amounts - fees) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            }
            return true;
        }

        @Override
        public int read() {
            return advance() ? current[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (!advance()) {
                return -1;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    }

    @Test
    void twoMillionLinesAreReadInBoundedMemory() {
        long start = System.nanoTime();
        long baseline = usedHeapAfterGc();
        long peakGrowth = 0;
        long count = 0;
        try (AcquirerSettlementReader r = AcquirerSettlementReader.open(new GeneratedFile(LINES))) {
            for (AcquirerSettlement.Line line; (line = r.next()) != null; ) {
                count++;
                if (count % 500_000 == 0) {
                    peakGrowth = Math.max(peakGrowth, usedHeapAfterGc() - baseline);
                }
            }
            assertThat(r.trailer().count()).isEqualTo(LINES);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%,d settlement lines read in %,d ms; heap growth at most %,d KiB%n", count, millis, peakGrowth / 1024);
        assertThat(count).isEqualTo(LINES);
        assertThat(peakGrowth).isLessThan(16L * 1024 * 1024);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
