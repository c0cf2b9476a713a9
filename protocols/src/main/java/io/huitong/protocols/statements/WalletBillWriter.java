package io.huitong.protocols.statements;

import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a wallet operator's bill: the column header when created, each {@link #write line}, the summary on
 * {@link #finish()}. Closing without finishing leaves a bill without summary, which readers refuse as truncated.
 */
public final class WalletBillWriter implements AutoCloseable {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final CsvWriter csv;
    private final WalletBill.Totals totals = new WalletBill.Totals();
    private boolean finished;

    /** Writes UTF-8 to {@code out}, which {@link #close()} closes. */
    public WalletBillWriter(OutputStream out) {
        this.csv = new CsvWriter(Fields.utf8(out));
        csv.write(WalletBill.DETAIL_HEADER);
    }

    public void write(WalletBill.Line line) {
        if (finished) {
            throw new IllegalStateException("the summary is written");
        }
        try {
            WalletBillReader.check(line, totals.count + 2);
        } catch (StatementFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        totals.add(line);
        csv.write(ticked(List.of(TIME.format(line.tradeTime()), Fields.text(line.appId()), Fields.text(line.tradeNo()),
                Fields.text(line.outTradeNo()), Fields.text(line.outRefundNo()), line.type().name(), line.status().name(),
                Fields.decimal(line.amount()), Fields.decimal(line.fee()), line.currency())));
    }

    /** Writes the summary header and line and flushes; returns the summary. */
    public WalletBill.Summary finish() {
        if (finished) {
            throw new IllegalStateException("the summary is written");
        }
        finished = true;
        WalletBill.Summary s = totals.summary();
        csv.write(WalletBill.SUMMARY_HEADER);
        csv.write(ticked(List.of(Long.toString(s.count()), Fields.decimal(s.totalAmount()), Fields.decimal(s.totalFee()))));
        csv.flush();
        return s;
    }

    private static List<String> ticked(List<String> fields) {
        List<String> out = new ArrayList<>(fields.size());
        for (String f : fields) {
            out.add("`" + f);
        }
        return out;
    }

    @Override
    public void close() {
        csv.close();
    }
}
