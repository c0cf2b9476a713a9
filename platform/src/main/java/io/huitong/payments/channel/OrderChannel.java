package io.huitong.payments.channel;

import io.huitong.kernel.Money;

/**
 * A channel where the payer completes the payment on their side of the network: a bank transfer
 * (ISO 20022), a digital RMB (e-CNY) wallet, a third-party wallet operator's QR code. Payments opens an
 * order; the channel answers at once (paid, refused) or later, by a signed notification that the connector
 * verifies and hands to {@link OrderNotifications}, or when asked ({@link #query}).
 *
 * <p>Every call carries our reference (a payment's or a refund's id), which names the order at the channel
 * for good: opening an order twice with one reference never charges twice. Implementations answer within
 * their own timeout: no answer in time is {@link OrderResult.Unknown} (or {@link ChannelResult.Unknown}),
 * never an exception for a network problem.
 */
public interface OrderChannel {

    /** The channel's name as payments show it ({@code channel} of a payment). */
    String name();

    /** The {@code payment_method.type} this channel takes: {@code bank_transfer}, {@code ecny} or {@code qr}. */
    String method();

    /** Opens an order for the payer to pay. */
    OrderResult open(OrderRequest request);

    /**
     * The platform's own consumer who pays from this account (a Huitong wallet's payment code), for risk control to
     * judge the payment by the consumer's history; empty for a payer outside the platform. Reads, never uses up.
     */
    default java.util.Optional<PayingConsumer> consumerOf(PayerAccount payer) {
        return java.util.Optional.empty();
    }

    /**
     * A consumer of the platform paying an order, and when they signed up. {@code standing}: what the channel judged of the
     * consumer's account when it named them (a wallet's class), handed back to it with the order ({@link
     * OrderRequest#consumer()}) so that it need not read it again; null when the channel said nothing.
     */
    record PayingConsumer(String userId, java.time.Instant since, String standing) {
    }

    /** What became of the order (or the refund) with this reference. */
    OrderStatus query(String reference);

    /**
     * What became of a refund. Channels that name a refund by the pair (payment, refund) override this; the
     * others answer as {@link #query} does for the refund's reference.
     */
    default OrderStatus queryRefund(String refundReference, String paymentReference) {
        return query(refundReference);
    }

    /**
     * Closes an order that was not paid, so that it can no longer be: {@link ChannelResult.Approved} when it
     * is closed (or never existed), {@link ChannelResult.Declined} when it was paid meanwhile.
     */
    ChannelResult close(String reference);

    /** Refunds part or all of a paid order; {@code refundReference} names this refund for good. */
    ChannelResult refund(String refundReference, String paymentReference, Money amount);
}
