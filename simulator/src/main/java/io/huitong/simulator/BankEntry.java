package io.huitong.simulator;

import io.huitong.protocols.iso20022.TransactionStatus;
import io.huitong.protocols.iso20022.TxStatus;
import java.time.LocalDate;

/**
 * One line of the simulated bank's book ({@link BankParty}). Amounts in minor units; the account masked. {@code batch}
 * is the pain.001 payment information id a payout was booked under as part of one entry for the whole batch (null:
 * booked alone).
 */
record BankEntry(String reference, String kind, String state, long amount, String currency, String maskedAccount, String reason,
                 String originalReference, LocalDate bookedOn, long returned, String notifyUrl, String notification, String batch) {

    /** A booking of its own, not part of a batch booked as one. */
    BankEntry(String reference, String kind, String state, long amount, String currency, String maskedAccount, String reason,
              String originalReference, LocalDate bookedOn, long returned, String notifyUrl, String notification) {
        this(reference, kind, state, amount, currency, maskedAccount, reason, originalReference, bookedOn, returned, notifyUrl,
                notification, null);
    }

    BankEntry with(String nextState, String nextReason, LocalDate on) {
        return new BankEntry(reference, kind, nextState, amount, currency, maskedAccount, nextReason, originalReference, on, returned,
                notifyUrl, notification, batch);
    }

    BankEntry returned(long total) {
        return new BankEntry(reference, kind, state, amount, currency, maskedAccount, reason, originalReference, bookedOn, total, notifyUrl,
                notification, batch);
    }

    BankEntry notified(String outcome) {
        return new BankEntry(reference, kind, state, amount, currency, maskedAccount, reason, originalReference, bookedOn, returned, notifyUrl,
                outcome, batch);
    }

    TransactionStatus status() {
        String wire = switch (state) {
            case BankParty.SETTLED -> TxStatus.ACSC;
            case BankParty.PENDING -> TxStatus.ACSP;
            default -> TxStatus.RJCT;
        };
        return new TransactionStatus(reference, wire, reason, amount, currency);
    }
}
