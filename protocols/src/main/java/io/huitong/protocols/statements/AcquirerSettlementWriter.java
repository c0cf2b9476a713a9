package io.huitong.protocols.statements;

import java.io.OutputStream;
import java.util.List;

/**
 * Writes an acquirer settlement file line by line: the header when created, each {@link #write line}, and the
 * trailer on {@link #finish()}. Closing without finishing leaves the file without its trailer, which every
 * reader refuses as truncated: a write that failed half-way must not look like a complete file. Lines the
 * reader would refuse are refused here too ({@link IllegalArgumentException}).
 *
 * <pre>{@code
 * try (AcquirerSettlementWriter w = new AcquirerSettlementWriter(out, new AcquirerSettlement.Header("acq_a", date))) {
 *     lines.forEach(w::write);
 *     w.finish();
 * }
 * }</pre>
 */
public final class AcquirerSettlementWriter implements AutoCloseable {

    private final CsvWriter csv;
    private final AcquirerSettlement.Totals totals = new AcquirerSettlement.Totals();
    private boolean finished;

    /** Writes UTF-8 to {@code out}, which {@link #close()} closes. */
    public AcquirerSettlementWriter(OutputStream out, AcquirerSettlement.Header header) {
        this.csv = new CsvWriter(Fields.utf8(out));
        csv.write(List.of("H", AcquirerSettlement.FORMAT, AcquirerSettlement.VERSION, header.acquirer(), header.businessDate().toString()));
    }

    public void write(AcquirerSettlement.Line line) {
        if (finished) {
            throw new IllegalStateException("the trailer is written");
        }
        try {
            AcquirerSettlementReader.check(line, totals.count + 2);
        } catch (StatementFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        totals.add(line);
        csv.write(List.of("D", line.code().wire(), Fields.text(line.stan()), Fields.text(line.transmissionTime()), Fields.text(line.maskedPan()),
                Long.toString(line.amount()), Fields.text(line.currency()), Fields.text(line.rrn()), Fields.text(line.authorizationCode()),
                line.reference(), Fields.text(line.merchantId()), Long.toString(line.fee()), Long.toString(line.settlementAmount()),
                Fields.text(line.originalReference()), line.status().wire()));
    }

    /** Writes the trailer (count and totals of the lines written) and flushes; returns the trailer. */
    public AcquirerSettlement.Trailer finish() {
        if (finished) {
            throw new IllegalStateException("the trailer is written");
        }
        finished = true;
        AcquirerSettlement.Trailer t = totals.trailer();
        csv.write(List.of("T", Long.toString(t.count()), Long.toString(t.amountTotal()), Long.toString(t.feeTotal()),
                Long.toString(t.settlementTotal())));
        csv.flush();
        return t;
    }

    @Override
    public void close() {
        csv.close();
    }
}
