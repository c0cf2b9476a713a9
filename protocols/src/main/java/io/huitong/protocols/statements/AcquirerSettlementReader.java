package io.huitong.protocols.statements;

import io.huitong.protocols.statements.AcquirerSettlement.Code;
import io.huitong.protocols.statements.AcquirerSettlement.Line;
import io.huitong.protocols.statements.AcquirerSettlement.Status;
import java.io.InputStream;
import java.util.List;

/**
 * Reads an acquirer settlement file line by line in constant memory, checking each line as it comes and the
 * trailer against the lines once it is reached:
 * <pre>{@code
 * try (AcquirerSettlementReader r = AcquirerSettlementReader.open(in)) {
 *     LocalDate date = r.header().businessDate();
 *     for (AcquirerSettlement.Line line; (line = r.next()) != null; ) {
 *         ...
 *     }
 *     AcquirerSettlement.Trailer totals = r.trailer();
 * }
 * }</pre>
 * Every refusal is a {@link StatementFormatException} naming the line.
 */
public final class AcquirerSettlementReader implements StatementReader<Line> {

    private static final int DETAIL_COLUMNS = 15;

    private final CsvReader csv;
    private final AcquirerSettlement.Header header;
    private final AcquirerSettlement.Totals totals = new AcquirerSettlement.Totals();
    private AcquirerSettlement.Trailer trailer;

    private AcquirerSettlementReader(CsvReader csv) {
        this.csv = csv;
        List<String> h = csv.read();
        if (h == null) {
            throw new StatementFormatException(0, "the file is empty (no header line)");
        }
        if (!h.getFirst().equals("H")) {
            throw new StatementFormatException(1, "the first line must be the header (H), not \"" + Fields.shown(h.getFirst()) + "\"");
        }
        Fields.columns(h, 5, 1, "the header");
        if (!h.get(1).equals(AcquirerSettlement.FORMAT) || !h.get(2).equals(AcquirerSettlement.VERSION)) {
            throw new StatementFormatException(1, "not an acquirer settlement file of version " + AcquirerSettlement.VERSION);
        }
        header = new AcquirerSettlement.Header(Fields.required(h.get(3), 1, "acquirer"), Fields.date(h.get(4), 1, "business_date"));
    }

    /** Opens a UTF-8 file and reads its header; {@link #close()} closes {@code in}. */
    public static AcquirerSettlementReader open(InputStream in) {
        CsvReader csv = new CsvReader(Fields.utf8(in));
        try {
            return new AcquirerSettlementReader(csv);
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    public AcquirerSettlement.Header header() {
        return header;
    }

    /** The trailer, once {@link #next()} returned null. */
    public AcquirerSettlement.Trailer trailer() {
        if (trailer == null) {
            throw new IllegalStateException("the trailer is not read yet");
        }
        return trailer;
    }

    @Override
    public Line next() {
        if (trailer != null) {
            return null;
        }
        List<String> f = csv.read();
        if (f == null) {
            throw new StatementFormatException(csv.nextLine(), "the file ends without its trailer (T) line: truncated");
        }
        long n = csv.line();
        switch (f.getFirst()) {
            case "D" -> {
                Line line = detail(f, n);
                try {
                    totals.add(line);
                } catch (ArithmeticException e) {
                    throw new StatementFormatException(n, "the totals overflow");
                }
                return line;
            }
            case "T" -> {
                trailer(f, n);
                return null;
            }
            default -> throw new StatementFormatException(n, "unknown record type \"" + Fields.shown(f.getFirst()) + "\" (expected D or T)");
        }
    }

    private Line detail(List<String> f, long n) {
        Fields.columns(f, DETAIL_COLUMNS, n, "a detail (D) line");
        Code code = Code.ofWire(f.get(1));
        if (code == null) {
            throw new StatementFormatException(n, "unknown transaction code \"" + Fields.shown(f.get(1)) + "\"");
        }
        Status status = Status.ofWire(f.get(14));
        if (status == null) {
            throw new StatementFormatException(n, "unknown status \"" + Fields.shown(f.get(14)) + "\" (expected settled or failed)");
        }
        Line line = new Line(code, f.get(2), Fields.instant(f.get(3), n, "transmission_time"), Fields.optional(f.get(4)),
                Fields.minor(f.get(5), n, "amount"), Fields.currency(f.get(6), n, "currency"), Fields.required(f.get(7), n, "rrn"),
                Fields.optional(f.get(8)), Fields.required(f.get(9), n, "reference"), Fields.optional(f.get(10)),
                Fields.minor(f.get(11), n, "fee"), Fields.minor(f.get(12), n, "settlement_amount"), Fields.optional(f.get(13)), status);
        check(line, n);
        return line;
    }

    /** The rules a line keeps, whoever wrote it. */
    static void check(Line line, long n) {
        if (line.stan() == null || line.stan().length() != 6 || !Fields.allDigits(line.stan(), 0, 6)) {
            throw new StatementFormatException(n, "bad stan \"" + Fields.shown(Fields.text(line.stan())) + "\" (expected 6 digits)");
        }
        if (line.transmissionTime() == null || line.currency() == null || line.rrn() == null || line.rrn().isEmpty()) {
            throw new StatementFormatException(n, "transmission_time, currency and rrn are required");
        }
        if (line.maskedPan() != null && !masked(line.maskedPan())) {
            throw new StatementFormatException(n, "masked_pan must show the first 6 and last 4 digits only");
        }
        if (line.amount() <= 0) {
            throw new StatementFormatException(n, "bad amount " + line.amount() + " (must be positive)");
        }
        boolean follows = line.code() == Code.REFUND || line.code() == Code.REVERSAL;
        if (follows != (line.originalReference() != null)) {
            throw new StatementFormatException(n, follows ? "a " + line.code().wire() + " needs its original_reference"
                    : "a " + line.code().wire() + " has no original_reference");
        }
        long in = line.amount() - line.fee();
        long out = -line.amount() - line.fee();
        boolean consistent = switch (line.status()) {
            case FAILED -> line.fee() == 0 && line.settlementAmount() == 0;
            case SETTLED -> switch (line.code()) {
                case SALE, CAPTURE -> line.settlementAmount() == in;
                case REFUND -> line.settlementAmount() == out;
                case REVERSAL -> line.settlementAmount() == in || line.settlementAmount() == out;
            };
        };
        if (!consistent) {
            throw new StatementFormatException(n, "settlement_amount " + line.settlementAmount() + " does not follow from amount "
                    + line.amount() + " and fee " + line.fee() + " for a " + line.status().wire() + " " + line.code().wire());
        }
    }

    /** Six digits, two to nine asterisks, four digits: a card number of 12 to 19 digits showing no more than it may. */
    private static boolean masked(String pan) {
        int n = pan.length();
        if (n < 12 || n > 19 || !Fields.allDigits(pan, 0, 6) || !Fields.allDigits(pan, n - 4, n)) {
            return false;
        }
        for (int i = 6; i < n - 4; i++) {
            if (pan.charAt(i) != '*') {
                return false;
            }
        }
        return true;
    }

    private void trailer(List<String> f, long n) {
        Fields.columns(f, 5, n, "the trailer (T)");
        AcquirerSettlement.Trailer t = new AcquirerSettlement.Trailer(Fields.minor(f.get(1), n, "count"), Fields.minor(f.get(2), n, "amount_total"),
                Fields.minor(f.get(3), n, "fee_total"), Fields.minor(f.get(4), n, "settlement_total"));
        Fields.agrees(n, "the count", t.count(), totals.count);
        Fields.agrees(n, "amount_total", t.amountTotal(), totals.amount);
        Fields.agrees(n, "fee_total", t.feeTotal(), totals.fee);
        Fields.agrees(n, "settlement_total", t.settlementTotal(), totals.settlement);
        if (csv.read() != null) {
            throw new StatementFormatException(csv.line(), "a line after the trailer");
        }
        trailer = t;
    }

    @Override
    public void close() {
        csv.close();
    }
}
