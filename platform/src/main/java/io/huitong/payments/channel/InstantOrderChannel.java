package io.huitong.payments.channel;

import java.util.List;
import java.util.Optional;

/**
 * An order channel that pays in the platform's own database (a Huitong wallet): its payment is a write that can join
 * the transaction writing the payment itself. Payments then writes the payment, the channel's debit and the sale in
 * one commit, shared with other payments': nothing needs to be on disk before the channel acts, since either both
 * commit or neither does.
 *
 * <p>Paying is in two steps. {@link #ready} runs in the request, outside any transaction: it reads what paying needs and
 * opens what it will post to; a refusal there is final and nothing is written. {@link #payAll} runs in the caller's
 * transaction and pays readied orders, or throws if any of them is refused (the caller rolls back, and may pay them
 * again one by one; {@link #refusal} then tells the payer's refusal from a failure).
 *
 * @param <T> a readied order, as the channel keeps it
 */
public interface InstantOrderChannel<T> extends OrderChannel {

    /** What {@link #ready} answers. */
    sealed interface Readied<T> {
    }

    /** An order ready to be paid, and the channel reference its payment will have. */
    record Ready<T>(T order, String channelReference) implements Readied<T> {
    }

    /** The channel refuses the order: nothing was written. */
    record Refused<T>(OrderResult.Declined declined) implements Readied<T> {
    }

    /** Readies an order, outside any transaction. */
    Readied<T> ready(OrderRequest request);

    /** Pays the orders in the caller's transaction, each under the reference its {@link Ready} named; throws if any is refused. */
    void payAll(List<T> orders);

    /** The payer's refusal that {@code failure}, thrown by {@link #payAll} of one order, stands for; empty for a failure. */
    Optional<OrderResult.Declined> refusal(RuntimeException failure);
}
