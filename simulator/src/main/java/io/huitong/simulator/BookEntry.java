package io.huitong.simulator;

import io.huitong.protocols.iso8583.TransactionState;

/**
 * One line of a simulated acquirer's book: what it did with a transaction of the platform's
 * {@code reference}. Amounts are in minor units. The card appears masked only.
 *
 * @param kind              {@code payment} (an authorization or sale) or {@code refund}
 * @param amount            the authorized (or refunded) amount
 * @param captured          the captured part of a payment
 * @param refunded          the sum of a payment's refunds that stand
 * @param originalReference the payment a refund belongs to; null for payments
 */
public record BookEntry(String reference, String kind, TransactionState state, long amount, long captured, long refunded,
                        String currency, String maskedPan, String stan, String rrn, String authorizationCode,
                        String responseCode, String originalReference) {

    static final String PAYMENT = "payment";
    static final String REFUND = "refund";

    BookEntry withState(TransactionState next) {
        return new BookEntry(reference, kind, next, amount, captured, refunded, currency, maskedPan, stan, rrn,
                authorizationCode, responseCode, originalReference);
    }

    BookEntry captured(long amountCaptured) {
        return new BookEntry(reference, kind, TransactionState.CAPTURED, amount, amountCaptured, refunded, currency, maskedPan,
                stan, rrn, authorizationCode, responseCode, originalReference);
    }

    BookEntry refunded(long total) {
        return new BookEntry(reference, kind, state, amount, captured, total, currency, maskedPan, stan, rrn,
                authorizationCode, responseCode, originalReference);
    }

    /** {@code 424242******4242}: enough to recognize a card, not enough to use it. */
    static String mask(String pan) {
        if (pan == null || pan.length() < 12) {
            return null;
        }
        return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
    }
}
