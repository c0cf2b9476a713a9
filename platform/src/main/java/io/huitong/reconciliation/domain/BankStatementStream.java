package io.huitong.reconciliation.domain;

import io.huitong.protocols.iso20022.Statement;
import io.huitong.protocols.statements.BankStatementReader;
import java.io.InputStream;

/**
 * A bank's camt.053: the header carries the date and the balances; the entries' credits and debits are added up as they
 * come, for the roll-forward. A reversal entry (the bank reports the transaction failed) moves money back the other
 * way and is marked as a reversal.
 */
final class BankStatementStream implements StatementStream {

    private final BankStatementReader reader;
    private final BankStatementReader.Header header;
    private long count;
    private long credits;
    private long debits;

    BankStatementStream(InputStream in) {
        reader = BankStatementReader.open(in);
        header = reader.header();
    }

    @Override
    public StatementFacts facts() {
        return new StatementFacts(null, header.date(), 0, new StatementFacts.Balances(header.currency(), header.openingBalance(), credits,
                debits, header.closingBalance()));
    }

    @Override
    public StatementLine next() {
        Statement.Entry entry = reader.next();
        if (entry == null) {
            return null;
        }
        count++;
        if (entry.credit()) {
            credits = Math.addExact(credits, entry.amount());
        } else {
            debits = Math.addExact(debits, entry.amount());
        }
        return new StatementLine(count, entry.reference(), null, null, entry.kind() == null ? "entry" : entry.kind(), entry.reversal(), false,
                entry.signedAmount(), entry.currency(), 0, null);
    }

    @Override
    public void close() {
        reader.close();
    }
}
