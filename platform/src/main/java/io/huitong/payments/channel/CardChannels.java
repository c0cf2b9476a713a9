package io.huitong.payments.channel;

import java.util.List;

/**
 * The card channels payments may use. Which channels exist, and in what order a payment tries them, is
 * decided outside payments (routing); payments follows that order, moves on only when a channel
 * certainly did not act ({@link ChannelResult.Unavailable}), and never after an unknown outcome.
 */
public interface CardChannels {

    /** The channels to try for this request, best first; empty when none takes it (the payment then fails). */
    List<CardChannel> candidates(CardAuthorization request);

    /** Every channel, for inquiries and reversals of requests whose channel is not known for sure. */
    List<CardChannel> all();
}
