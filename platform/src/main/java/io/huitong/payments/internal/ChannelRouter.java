package io.huitong.payments.internal;

import io.huitong.payments.channel.CardAuthorization;
import io.huitong.payments.channel.CardChannel;
import io.huitong.payments.channel.CardChannels;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.Inquiry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a card payment to its channels in the order {@link CardChannels} gives; one that certainly did
 * not act on the request ({@link ChannelResult.Unavailable}) hands over to the next. An unknown outcome
 * stops the search: asking a second channel could charge the payer twice.
 */
class ChannelRouter {

    private static final Logger log = LoggerFactory.getLogger(ChannelRouter.class);

    record Routed(String channel, ChannelResult result) {
    }

    private final CardChannels channels;

    ChannelRouter(CardChannels channels) {
        this.channels = channels;
    }

    Routed authorize(CardAuthorization request) {
        List<CardChannel> candidates = channels.candidates(request);
        if (candidates.isEmpty()) {
            log.warn("No card channel takes {}", request);
            return new Routed(null, new ChannelResult.Unavailable("no channel takes this payment"));
        }
        Routed last = null;
        for (CardChannel channel : candidates) {
            ChannelResult result = channel.authorize(request);
            last = new Routed(channel.name(), result);
            if (!(result instanceof ChannelResult.Unavailable unavailable)) {
                return last;
            }
            log.warn("Channel {} unavailable for {}: {}; trying the next", channel.name(), request.reference(), unavailable.reason());
        }
        return last;
    }

    CardChannel channel(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no card channel named " + name));
    }

    Optional<CardChannel> find(String name) {
        return channels.all().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The channel that knows about this reference: the named one first, then every other. */
    record Found(String channel, Inquiry inquiry) {
    }

    Found inquire(String reference, String preferredChannel) {
        List<CardChannel> order = new ArrayList<>(channels.all());
        find(preferredChannel).ifPresent(c -> {
            order.remove(c);
            order.addFirst(c);
        });
        Found unknown = null;
        Found declined = null;
        for (CardChannel channel : order) {
            Inquiry inquiry = channel.inquire(reference);
            switch (inquiry) {
                case Inquiry.Approved a -> {
                    return new Found(channel.name(), a);
                }
                case Inquiry.Unknown u -> unknown = unknown == null ? new Found(channel.name(), u) : unknown;
                case Inquiry.Declined d -> declined = declined == null ? new Found(channel.name(), d) : declined;
                case Inquiry.NotFound n -> {
                }
            }
        }
        if (unknown != null) {
            return unknown;
        }
        return declined != null ? declined : new Found(preferredChannel, new Inquiry.NotFound());
    }

    /** Reverses the reference on every channel: only the one that acted on it has anything to undo. */
    void reverseEverywhere(String reference) {
        for (CardChannel channel : channels.all()) {
            ChannelResult r = channel.reverse(reference);
            if (!(r instanceof ChannelResult.Approved)) {
                log.warn("Reversal of {} on {} answered {}", reference, channel.name(), r);
            }
        }
    }
}
