package io.huitong.protocols.statements;

import io.huitong.protocols.statements.EcnyBill.Line;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads an e-CNY bill line by line in constant memory: the column header on opening, each line as it comes,
 * the {@code TOTAL} line against the lines once reached.
 * <pre>{@code
 * try (EcnyBillReader r = EcnyBillReader.open(in)) {
 *     for (EcnyBill.Line line; (line = r.next()) != null; ) {
 *         ... line.outTradeNo(), line.amount() ...
 *     }
 *     EcnyBill.Totals totals = r.totals();
 * }
 * }</pre>
 */
public final class EcnyBillReader implements StatementReader<Line> {

    private final CsvReader csv;
    private final EcnyBill.Sums sums = new EcnyBill.Sums();
    private EcnyBill.Totals totals;

    private EcnyBillReader(CsvReader csv) {
        this.csv = csv;
        List<String> header = csv.read();
        if (header == null) {
            throw new StatementFormatException(0, "the file is empty (no column header)");
        }
        if (!header.equals(EcnyBill.HEADER)) {
            throw new StatementFormatException(1, "the first line must be the column header " + String.join(",", EcnyBill.HEADER));
        }
    }

    /** Opens a UTF-8 bill and checks its column header; {@link #close()} closes {@code in}. */
    public static EcnyBillReader open(InputStream in) {
        CsvReader csv = new CsvReader(Fields.utf8(in));
        try {
            return new EcnyBillReader(csv);
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    /** The {@code TOTAL} line, once {@link #next()} returned null. */
    public EcnyBill.Totals totals() {
        if (totals == null) {
            throw new IllegalStateException("the totals are not read yet");
        }
        return totals;
    }

    @Override
    public Line next() {
        if (totals != null) {
            return null;
        }
        List<String> f = csv.read();
        if (f == null) {
            throw new StatementFormatException(csv.nextLine(), "the bill ends without its TOTAL line: truncated");
        }
        long n = csv.line();
        if (f.getFirst().equals(EcnyBill.TOTAL)) {
            totals(f, n);
            return null;
        }
        Fields.columns(f, EcnyBill.HEADER.size(), n, "a line");
        EcnyBill.Type type = EcnyBill.Type.of(f.get(2));
        EcnyBill.Status status = EcnyBill.Status.of(f.get(9));
        if (type == null || status == null) {
            throw new StatementFormatException(n, "unknown " + (type == null ? "trade_type \"" + Fields.shown(f.get(2)) + "\" (expected PAYMENT or REFUND)"
                    : "status \"" + Fields.shown(f.get(9)) + "\" (expected SUCCESS or FAILED)"));
        }
        Line line = new Line(time(f.get(0), n), Fields.required(f.get(1), n, "merchant_no"), type, Fields.required(f.get(3), n, "order_no"),
                Fields.required(f.get(4), n, "out_trade_no"), Fields.optional(f.get(5)), Fields.minor(f.get(6), n, "amount"),
                Fields.minor(f.get(7), n, "fee"), Fields.currency(f.get(8), n, "currency"), status);
        check(line, n);
        try {
            sums.add(line);
        } catch (ArithmeticException e) {
            throw new StatementFormatException(n, "the totals overflow");
        }
        return line;
    }

    static void check(Line line, long n) {
        if (line.amount() <= 0) {
            throw new StatementFormatException(n, "bad amount " + line.amount() + " (must be positive)");
        }
        if ((line.type() == EcnyBill.Type.REFUND) != (line.originalOutTradeNo() != null)) {
            throw new StatementFormatException(n, line.type() == EcnyBill.Type.REFUND ? "a refund needs its original_out_trade_no"
                    : "a payment has no original_out_trade_no");
        }
        if (line.merchantNo() == null || line.orderNo() == null || line.outTradeNo() == null || line.currency() == null) {
            throw new StatementFormatException(n, "merchant_no, order_no, out_trade_no and currency are required");
        }
    }

    private void totals(List<String> f, long n) {
        Fields.columns(f, 6, n, "the TOTAL line");
        EcnyBill.Totals t = new EcnyBill.Totals(Fields.date(f.get(1), n, "bill_date"), Fields.minor(f.get(2), n, "count"),
                Fields.minor(f.get(3), n, "payment_total"), Fields.minor(f.get(4), n, "refund_total"), Fields.minor(f.get(5), n, "fee_total"));
        Fields.agrees(n, "the count", t.count(), sums.count);
        Fields.agrees(n, "payment_total", t.paymentTotal(), sums.payments);
        Fields.agrees(n, "refund_total", t.refundTotal(), sums.refunds);
        Fields.agrees(n, "fee_total", t.feeTotal(), sums.fees);
        if (csv.read() != null) {
            throw new StatementFormatException(csv.line(), "a line after the TOTAL line");
        }
        totals = t;
    }

    private static Instant time(String text, long n) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new StatementFormatException(n, "bad time in trade_time: \"" + Fields.shown(text) + "\" (expected 2026-12-05T11:12:45+08:00)");
        }
    }

    @Override
    public void close() {
        csv.close();
    }
}
