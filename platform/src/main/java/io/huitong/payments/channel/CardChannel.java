package io.huitong.payments.channel;

import io.huitong.kernel.Money;

/**
 * A card acquirer as payments see it. Every call carries the payment's (or refund's) id as its
 * reference, so that an unanswered call can later be asked about ({@link #inquire}) or undone
 * ({@link #reverse}). Implementations answer within their own timeout: a call that got no answer in time
 * returns {@link ChannelResult.Unknown}, never throws for a network problem.
 */
public interface CardChannel {

    /** The channel's name as payments show it ({@code channel} of a payment). */
    String name();

    /** Authorizes, and with {@code capture} also captures (a sale), the request's amount. */
    ChannelResult authorize(CardAuthorization request);

    /** Captures part or all of an earlier authorization; the rest of it is released. */
    ChannelResult capture(String reference, Money amount);

    /** Releases an earlier authorization that was not captured. */
    ChannelResult release(String reference);

    /** Refunds part of an earlier captured payment; {@code refundReference} identifies this refund. */
    ChannelResult refund(String refundReference, String paymentReference, Money amount);

    /** What became of an earlier request with this reference. */
    Inquiry inquire(String reference);

    /** Undoes an earlier request whose outcome is unknown; harmless when the channel never saw it. */
    ChannelResult reverse(String reference);
}
