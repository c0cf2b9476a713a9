package io.huitong.reconciliation.domain;

import io.huitong.protocols.statements.AcquirerSettlement;
import io.huitong.protocols.statements.AcquirerSettlementReader;
import java.io.InputStream;

/** An acquirer's settlement file: the header names the acquirer and the date; line numbers count the D lines. */
final class AcquirerStatementStream implements StatementStream {

    private final AcquirerSettlementReader reader;
    private final StatementFacts facts;
    private long count;

    AcquirerStatementStream(InputStream in) {
        reader = AcquirerSettlementReader.open(in);
        AcquirerSettlement.Header header = reader.header();
        facts = new StatementFacts(header.acquirer(), header.businessDate(), 1, null);
    }

    @Override
    public StatementFacts facts() {
        return facts;
    }

    @Override
    public StatementLine next() {
        AcquirerSettlement.Line line = reader.next();
        if (line == null) {
            return null;
        }
        count++;
        boolean reversal = line.code() == AcquirerSettlement.Code.REVERSAL;
        boolean failed = line.status() == AcquirerSettlement.Status.FAILED;
        return new StatementLine(count, line.reference(), line.rrn(), line.originalReference(), line.code().wire(), reversal, failed,
                incoming(line) ? line.amount() : -line.amount(), line.currency(), line.fee(), line.transmissionTime());
    }

    /**
     * Sales and captures bring money, refunds take it away; a reversal goes the other way of what it reverses, which its
     * settlement amount tells ({@code amount - fee} in, {@code -amount - fee} out). A failed reversal moved nothing and
     * says neither: it counts as the reversal of a sale, the usual kind.
     */
    private static boolean incoming(AcquirerSettlement.Line line) {
        return switch (line.code()) {
            case SALE, CAPTURE -> true;
            case REFUND -> false;
            case REVERSAL -> line.status() == AcquirerSettlement.Status.SETTLED && line.settlementAmount() == line.amount() - line.fee();
        };
    }

    @Override
    public void close() {
        reader.close();
    }
}
