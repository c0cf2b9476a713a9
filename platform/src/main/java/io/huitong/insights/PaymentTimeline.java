package io.huitong.insights;

import java.util.List;
import java.time.Instant;

/**
 * What happened to one payment, for its detail page.
 *
 * @param payment  the payment as a list shows it
 * @param events   what happened to it, oldest first (see {@link Event})
 * @param risk     risk control's decision on it, or null when none was taken
 * @param channel  the channel that carried it, or null before one took it
 * @param refunds  its refunds, oldest first
 * @param ledger   the ledger lines its steps and its refunds posted, in the order they were posted
 */
public record PaymentTimeline(PaymentRow payment, List<Event> events, Risk risk, Channel channel, List<RefundLine> refunds,
                              List<LedgerLine> ledger) {

    public PaymentTimeline {
        events = List.copyOf(events);
        refunds = List.copyOf(refunds);
        ledger = List.copyOf(ledger);
    }

    /**
     * A step of the payment's life, read from the rows that record it (the payment, its risk decision, its ledger
     * transfers and its refunds; a final status at the payment's last update), so that a payment's page never has to
     * search the merchant's whole event log: {@code payment.created}, {@code risk.allow} (or {@code .challenge},
     * {@code .review}, {@code .block}), {@code payment.authorized}, {@code payment.captured},
     * {@code payment.authorization_released}, {@code payment.succeeded}, {@code payment.failed},
     * {@code payment.canceled}, {@code refund.created}, {@code refund.succeeded}, {@code refund.failed}.
     *
     * @param reference the object the step is about when it is not the payment itself (a refund's id), else null
     */
    public record Event(String type, Instant at, String reference) {
    }

    /** Risk control's decision: {@code allow}, {@code challenge}, {@code review} or {@code block}, its score (0-100) and reasons. */
    public record Risk(String outcome, Integer score, List<String> reasons) {

        public Risk {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    /**
     * The channel that carried the payment: its configured name, its own reference of the order (bank transfer, e-CNY,
     * QR) and the acquirer's authorization code (card); each null when the channel gave none.
     */
    public record Channel(String name, String reference, String authorizationCode) {
    }

    /** A refund of the payment: {@code pending}, {@code succeeded} or {@code failed}. */
    public record RefundLine(String id, long amount, String currency, String status, String reason, String failureCode, Instant createdAt,
                             Instant updatedAt) {
    }

    /**
     * A line of the ledger: a transfer moves {@code amount} from the debited account to the credited one, so each
     * transfer shows as a debit line and a credit line.
     *
     * @param transferId the transfer ({@code pay_x:capture}, {@code pay_x:fee}, a refund's id ...)
     * @param kind       {@code posted}, {@code pending} (a hold), {@code post_pending}, {@code void_pending} ...
     * @param code       what the transfer is for ({@code payment}, {@code payment_fee}, {@code refund} ...), or null
     * @param account    the account, such as {@code mer_x:pending:CNY}
     * @param direction  {@code debit} or {@code credit}
     */
    public record LedgerLine(String transferId, String kind, String code, String account, String direction, long amount, String currency,
                             Instant at) {
    }
}
