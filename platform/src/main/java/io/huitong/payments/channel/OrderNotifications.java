package io.huitong.payments.channel;

/**
 * Where a connector hands a channel's notification after verifying its signature. Payments applies it
 * under the payment's (or refund's) row lock, once: a repeated notification changes nothing. A
 * notification about a reference payments does not know, or whose amount does not match, is refused.
 */
public interface OrderNotifications {

    /** What payments made of a notification. */
    enum Outcome {
        /** Applied, or already applied earlier: the channel may stop notifying. */
        ACCEPTED,
        /** No payment or refund has this reference on this channel, or the amount is not the one asked. */
        REJECTED
    }

    /** The channel says the order (a payment) or the refund with this reference reached {@code status}. */
    Outcome notify(String channel, String reference, OrderStatus status);
}
