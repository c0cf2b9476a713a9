package io.huitong.reconciliation.domain;

import java.time.LocalDate;

/**
 * What a statement says about itself, besides its lines: whose it is, the business date it covers and, for a bank
 * statement, the account it is of and its balances. Fields a format does not carry are null.
 *
 * @param party        the channel the file names itself as (an acquirer's name), or null
 * @param date         the business date the file names, or null (a wallet operator's bill names none)
 * @param dateLine     the line the date is on (0: the document as a whole)
 * @param balances     the account's balances and movements of the day, for a bank statement; else null
 * @param account      the number of the account a bank statement is of; else null
 */
public record StatementFacts(String party, LocalDate date, long dateLine, Balances balances, String account) {

    /** The facts of a statement that is of no bank account. */
    public StatementFacts(String party, LocalDate date, long dateLine, Balances balances) {
        this(party, date, dateLine, balances, null);
    }

    /**
     * A bank statement's roll-forward: {@code closing = opening + credits - debits}, in minor units of {@code currency}.
     */
    public record Balances(String currency, long opening, long credits, long debits, long closing) {
    }
}
