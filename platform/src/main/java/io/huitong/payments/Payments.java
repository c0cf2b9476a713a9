package io.huitong.payments;

import io.huitong.kernel.Money;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.Optional;

/**
 * Merchant payments and refunds (docs/api.md, "Payments", "Refunds", "Balance"). Every method is safe to
 * repeat: a request carrying an idempotency key that was seen before answers the object it created.
 * A request payments refuses throws {@link PaymentRefused} with the {@link Refusal}: a declined payment is
 * created, {@code failed}, and named by its {@link Refusal.Declined}.
 */
public interface Payments {

    /** Creates a payment for another module (a wallet top-up): {@code idempotencyKey} names it for good, or is null. */
    Payment create(String merchantId, NewPayment request, String idempotencyKey);

    /**
     * Creates a payment for a merchant's request. With a key, the request's intent and the key are written in one
     * insert before any channel hears of it, and the answer with the outcome: a repeat of the request gets the first
     * answer replayed; a different request under the key, or one while the first is still running, is refused.
     */
    PaymentAnswer create(String merchantId, NewPayment request, RequestKey key);

    Payment confirm(String merchantId, String paymentId);

    Payment capture(String merchantId, String paymentId, Long amount);

    Payment cancel(String merchantId, String paymentId);

    Optional<Payment> find(String merchantId, String paymentId);

    Page<Payment> list(String merchantId, PaymentFilter filter, PageRequest page);

    /** The payment waiting for step-up authentication behind this hosted-page token, if any. */
    Optional<Payment> awaitingAuthentication(String paymentId, String token);

    /** The payer's answer on the hosted authentication page: the payment then proceeds or fails. */
    Payment completeAuthentication(String paymentId, String token, boolean passed);

    /**
     * A consumer pays a {@code qr} payment waiting to be scanned ({@code requires_action}) from their Huitong
     * wallet: its order is closed at its channel, then paid through the order channel {@code wallet} with the
     * consumer as payer. A payment that is not a {@code qr} payment is not found; one not waiting for payment, or
     * whose order could not be closed, is in the wrong state; with {@code expected} set, a payment of another amount
     * too. A refusal by the wallet leaves the payment waiting for another scan and is declined to the consumer.
     */
    Payment payFromWallet(String paymentId, String userId, Money expected);

    Refund refund(String merchantId, NewRefund request, String idempotencyKey);

    Optional<Refund> findRefund(String merchantId, String refundId);

    Page<Refund> listRefunds(String merchantId, String paymentId, PageRequest page);

    Balance balance(String merchantId);

    Page<BalanceTransaction> balanceTransactions(String merchantId, PageRequest page);
}
