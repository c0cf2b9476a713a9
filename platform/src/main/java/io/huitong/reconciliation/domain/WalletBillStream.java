package io.huitong.reconciliation.domain;

import io.huitong.protocols.statements.WalletBill;
import io.huitong.protocols.statements.WalletBillReader;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A wallet operator's bill. It names no date of its own: the date is that of its latest line (a line the operator
 * delayed keeps its own earlier time), and the check that it is the bill asked for is made on its lines.
 */
final class WalletBillStream implements StatementStream {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final WalletBillReader reader;
    private long count;
    private LocalDate latest;
    private long latestLine;

    WalletBillStream(InputStream in) {
        reader = WalletBillReader.open(in);
    }

    @Override
    public StatementFacts facts() {
        return new StatementFacts(null, latest, latestLine, null);
    }

    @Override
    public StatementLine next() {
        WalletBill.Line line = reader.next();
        if (line == null) {
            return null;
        }
        count++;
        LocalDate day = line.tradeTime().toLocalDate();
        if (latest == null || day.isAfter(latest)) {
            latest = day;
            latestLine = count + 1; // the column header is the file's first line
        }
        boolean payment = line.type() == WalletBill.Type.PAYMENT;
        return new StatementLine(count, line.reference(), line.tradeNo(), payment ? null : line.outTradeNo(),
                payment ? "payment" : "refund", false, line.status() == WalletBill.Status.FAILED, payment ? line.amount() : -line.amount(),
                line.currency(), line.fee(), line.tradeTime().atZone(CHINA).toInstant());
    }

    @Override
    public void close() {
        reader.close();
    }
}
