package io.huitong.protocols.statements;

import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes an e-CNY bill: the column header when created, each {@link #write line}, the {@code TOTAL} line on
 * {@link #finish()}. Closing without finishing leaves a bill without totals, which readers refuse as truncated.
 */
public final class EcnyBillWriter implements AutoCloseable {

    /** China Standard Time: the operator writes times as the payer saw them, with the offset so they stay exact. */
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private final CsvWriter csv;
    private final LocalDate billDate;
    private final EcnyBill.Sums sums = new EcnyBill.Sums();
    private boolean finished;

    /** Writes UTF-8 to {@code out}, which {@link #close()} closes. */
    public EcnyBillWriter(OutputStream out, LocalDate billDate) {
        this.csv = new CsvWriter(Fields.utf8(out));
        this.billDate = billDate;
        csv.write(EcnyBill.HEADER);
    }

    public void write(EcnyBill.Line line) {
        if (finished) {
            throw new IllegalStateException("the totals are written");
        }
        try {
            EcnyBillReader.check(line, sums.count + 2);
        } catch (StatementFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        sums.add(line);
        csv.write(List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(line.tradeTime().atOffset(CST)), line.merchantNo(), line.type().name(),
                line.orderNo(), line.outTradeNo(), Fields.text(line.originalOutTradeNo()), Long.toString(line.amount()), Long.toString(line.fee()),
                line.currency(), line.status().name()));
    }

    /** Writes the {@code TOTAL} line and flushes; returns the totals. */
    public EcnyBill.Totals finish() {
        if (finished) {
            throw new IllegalStateException("the totals are written");
        }
        finished = true;
        EcnyBill.Totals t = sums.totals(billDate);
        csv.write(List.of(EcnyBill.TOTAL, t.billDate().toString(), Long.toString(t.count()), Long.toString(t.paymentTotal()),
                Long.toString(t.refundTotal()), Long.toString(t.feeTotal())));
        csv.flush();
        return t;
    }

    @Override
    public void close() {
        csv.close();
    }
}
