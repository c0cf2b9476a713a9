package io.huitong.channels.iso20022;

import io.huitong.kernel.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * A day's statement of our settlement account (camt.053): what the bank booked, for reconciliation.
 *
 * @param opening the booked balance at the start of the day (negative when overdrawn)
 * @param closing the booked balance at its end
 */
public record BankStatement(LocalDate date, String statementId, Money opening, Money closing, List<Entry> entries) {

    public BankStatement {
        entries = List.copyOf(entries);
    }

    /**
     * One booked entry.
     *
     * @param reference our payment's, refund's or payout's id
     * @param credit    true for money in (a pay-in), false for money out (a payout or a return)
     * @param kind      the bank's word for it: {@code transfer}, {@code payout} or {@code return}, or null
     */
    public record Entry(String reference, Money amount, boolean credit, LocalDate bookingDate, String kind) {
    }

    /** The bank could not be asked for the statement, or answered something that is not one. */
    public static final class Unavailable extends RuntimeException {

        public Unavailable(String message) {
            super(message);
        }
    }
}
