package io.huitong.channels;

import io.huitong.payments.channel.CardAuthorization;
import io.huitong.payments.channel.CardChannel;
import io.huitong.payments.channel.CardChannels;
import java.util.List;

/** The card channels that take a payment, ranked by routing; every configured one for inquiries and reversals. */
final class RoutedCardChannels implements CardChannels {

    private final RoutedChannels<CardChannel> routed;

    RoutedCardChannels(RoutedChannels<CardChannel> routed) {
        this.routed = routed;
    }

    @Override
    public List<CardChannel> candidates(CardAuthorization request) {
        return routed.candidates("card", request.amount());
    }

    @Override
    public List<CardChannel> all() {
        return routed.all();
    }
}
