package io.huitong.reconciliation.domain;

import io.huitong.protocols.iso20022.Statement;
import io.huitong.protocols.statements.BankStatementReader;
import java.io.InputStream;

/**
 * A bank's camt.053: the header carries the account, the date and the balances; the entries' credits and debits are
 * added up as they come, for the roll-forward. A reversal entry (the bank reports the transaction failed) moves money
 * back the other way and is marked as a reversal.
 *
 * <p>A batch the bank booked as one entry ({@code NtryDtls/Btch}: the payouts of one pain.001 we sent) is one line,
 * named by the batch's reference (its {@code PmtInfId}, which is the pain.001's message id), for what the entry moved.
 * Matching pairs it with the payouts we sent in that batch, which we keep with each payout: the line's amount against
 * their sum. The transactions the bank may list in the entry ({@code TxDtls}) are not taken as lines of their own: the
 * entry's amount is what moved the account, while the list is often left out or cut short by banks, and our own record
 * of what went in the batch is always there. Splitting the entry by that list would match payouts against amounts the
 * bank lists rather than books, and spread a difference in what it booked over payouts that may well be right.
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
                debits, header.closingBalance()), header.account().number());
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
