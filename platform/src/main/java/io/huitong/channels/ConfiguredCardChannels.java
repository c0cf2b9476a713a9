package io.huitong.channels;

import io.huitong.payments.channel.CardAuthorization;
import io.huitong.payments.channel.CardChannel;
import io.huitong.payments.channel.CardChannels;
import java.util.List;

/** The card channels in the order they are configured: the first is preferred, the others take over. */
final class ConfiguredCardChannels implements CardChannels {

    private final List<CardChannel> channels;

    ConfiguredCardChannels(List<? extends CardChannel> channels) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("at least one card channel is needed");
        }
        this.channels = List.copyOf(channels);
    }

    @Override
    public List<CardChannel> candidates(CardAuthorization request) {
        return channels;
    }

    @Override
    public List<CardChannel> all() {
        return channels;
    }
}
