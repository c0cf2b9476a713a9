package io.huitong.reconciliation.domain;

import io.huitong.protocols.statements.EcnyBill;
import io.huitong.protocols.statements.EcnyBillReader;
import java.io.InputStream;

/** The e-CNY operator's bill: its date is on the TOTAL line at the end. */
final class EcnyBillStream implements StatementStream {

    private final EcnyBillReader reader;
    private long count;
    private EcnyBill.Totals totals;

    EcnyBillStream(InputStream in) {
        reader = EcnyBillReader.open(in);
    }

    @Override
    public StatementFacts facts() {
        return totals == null ? new StatementFacts(null, null, 0, null) : new StatementFacts(null, totals.billDate(), count + 2, null);
    }

    @Override
    public StatementLine next() {
        EcnyBill.Line line = reader.next();
        if (line == null) {
            totals = reader.totals();
            return null;
        }
        count++;
        boolean payment = line.type() == EcnyBill.Type.PAYMENT;
        return new StatementLine(count, line.outTradeNo(), line.orderNo(), line.originalOutTradeNo(), payment ? "payment" : "refund", false,
                line.status() == EcnyBill.Status.FAILED, payment ? line.amount() : -line.amount(), line.currency(), line.fee(), line.tradeTime());
    }

    @Override
    public void close() {
        reader.close();
    }
}
