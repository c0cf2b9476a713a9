package io.huitong.protocols.iso20022;

import java.time.LocalDate;
import java.util.List;

/**
 * A camt.053 bank-to-customer statement of one account for one day ({@code Stmt}): booked entries, an
 * opening ({@code OPBD}) and a closing ({@code CLBD}) booked balance. Amounts are in minor units; a
 * negative balance is written as a debit balance.
 *
 * @param account the account the statement is of (its number, which the account's owner knows)
 */
public record Statement(String messageId, String statementId, BankAccount account, String currency, LocalDate date,
                        long openingBalance, long closingBalance, List<Entry> entries) {

    public Statement {
        entries = List.copyOf(entries);
    }

    /**
     * One booked entry ({@code Ntry}).
     *
     * @param reference   {@code NtryDtls/TxDtls/Refs/EndToEndId}: the payment's, refund's or payout's id
     * @param credit      true for money in ({@code CRDT}), false for money out ({@code DBIT})
     * @param bookingDate {@code BookgDt/Dt}
     * @param kind        {@code AddtlNtryInf}: {@code transfer}, {@code payout} or {@code return}
     */
    public record Entry(String reference, long amount, String currency, boolean credit, LocalDate bookingDate, String kind) {
    }
}
