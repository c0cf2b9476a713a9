package io.huitong.protocols.statements;

import io.huitong.protocols.statements.WalletBill.Line;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads a wallet operator's bill line by line in constant memory: the column header is checked on opening,
 * each detail line as it comes, the summary against the details once reached.
 * <pre>{@code
 * try (WalletBillReader r = WalletBillReader.open(in)) {
 *     for (WalletBill.Line line; (line = r.next()) != null; ) {
 *         ... line.reference(), line.amount() ...
 *     }
 *     WalletBill.Summary summary = r.summary();
 * }
 * }</pre>
 */
public final class WalletBillReader implements StatementReader<Line> {

    private final CsvReader csv;
    private final WalletBill.Totals totals = new WalletBill.Totals();
    private WalletBill.Summary summary;

    private WalletBillReader(CsvReader csv) {
        this.csv = csv;
        List<String> header = csv.read();
        if (header == null) {
            throw new StatementFormatException(0, "the file is empty (no column header)");
        }
        if (!header.equals(WalletBill.DETAIL_HEADER)) {
            throw new StatementFormatException(1, "the first line must be the column header " + String.join(",", WalletBill.DETAIL_HEADER));
        }
    }

    /** Opens a UTF-8 bill and checks its column header; {@link #close()} closes {@code in}. */
    public static WalletBillReader open(InputStream in) {
        CsvReader csv = new CsvReader(Fields.utf8(in));
        try {
            return new WalletBillReader(csv);
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    /** The summary, once {@link #next()} returned null. */
    public WalletBill.Summary summary() {
        if (summary == null) {
            throw new IllegalStateException("the summary is not read yet");
        }
        return summary;
    }

    @Override
    public Line next() {
        if (summary != null) {
            return null;
        }
        List<String> f = csv.read();
        long n = csv.line();
        if (f == null) {
            throw new StatementFormatException(csv.nextLine(), "the bill ends without its summary: truncated");
        }
        if (f.equals(WalletBill.SUMMARY_HEADER)) {
            summary(n);
            return null;
        }
        Fields.columns(f, WalletBill.DETAIL_HEADER.size(), n, "a detail line");
        List<String> v = unticked(f, n);
        WalletBill.Type type = WalletBill.Type.of(v.get(5));
        WalletBill.Status status = WalletBill.Status.of(v.get(6));
        if (type == null || status == null) {
            throw new StatementFormatException(n, "unknown " + (type == null ? "type \"" + Fields.shown(v.get(5)) + "\" (expected PAYMENT or REFUND)"
                    : "status \"" + Fields.shown(v.get(6)) + "\" (expected SUCCESS or FAILED)"));
        }
        Line line = new Line(time(v.get(0), n), Fields.required(v.get(1), n, "app_id"), Fields.required(v.get(2), n, "trade_no"),
                Fields.required(v.get(3), n, "out_trade_no"), Fields.optional(v.get(4)), type, status,
                Fields.decimal(v.get(7), n, "amount"), Fields.decimal(v.get(8), n, "fee"), Fields.currency(v.get(9), n, "currency"));
        check(line, n);
        try {
            totals.add(line);
        } catch (ArithmeticException e) {
            throw new StatementFormatException(n, "the totals overflow");
        }
        return line;
    }

    static void check(Line line, long n) {
        if (line.amount() <= 0) {
            throw new StatementFormatException(n, "bad amount " + Fields.decimal(line.amount()) + " (must be positive)");
        }
        if ((line.type() == WalletBill.Type.REFUND) != (line.outRefundNo() != null)) {
            throw new StatementFormatException(n, line.type() == WalletBill.Type.REFUND ? "a refund needs its out_refund_no"
                    : "a payment has no out_refund_no");
        }
        if (line.appId() == null || line.tradeNo() == null || line.outTradeNo() == null || line.currency() == null) {
            throw new StatementFormatException(n, "app_id, trade_no, out_trade_no and currency are required");
        }
    }

    private void summary(long n) {
        List<String> f = csv.read();
        if (f == null) {
            throw new StatementFormatException(csv.nextLine(), "the bill ends after the summary header: truncated");
        }
        long at = csv.line();
        Fields.columns(f, WalletBill.SUMMARY_HEADER.size(), at, "the summary line");
        List<String> v = unticked(f, at);
        WalletBill.Summary s = new WalletBill.Summary(Fields.minor(v.get(0), at, "total_count"), Fields.decimal(v.get(1), at, "total_amount"),
                Fields.decimal(v.get(2), at, "total_fee"));
        Fields.agrees(at, "total_count", s.count(), totals.count);
        Fields.agrees(at, "total_amount (in fen)", s.totalAmount(), totals.amount);
        Fields.agrees(at, "total_fee (in fen)", s.totalFee(), totals.fee);
        if (csv.read() != null) {
            throw new StatementFormatException(csv.line(), "a line after the summary");
        }
        summary = s;
    }

    /** The values without their backtick, which every value of a detail or summary line must have. */
    private static List<String> unticked(List<String> fields, long n) {
        String[] values = new String[fields.size()];
        for (int i = 0; i < values.length; i++) {
            String f = fields.get(i);
            if (f.isEmpty() || f.charAt(0) != '`') {
                throw new StatementFormatException(n, "column " + (i + 1) + " is not prefixed with a backtick");
            }
            values[i] = f.substring(1);
        }
        return List.of(values);
    }

    private static LocalDateTime time(String text, long n) {
        try {
            return LocalDateTime.parse(text, WalletBillWriter.TIME);
        } catch (DateTimeParseException e) {
            throw new StatementFormatException(n, "bad time in trade_time: \"" + Fields.shown(text) + "\" (expected yyyy-MM-dd HH:mm:ss)");
        }
    }

    @Override
    public void close() {
        csv.close();
    }
}
