package io.huitong.channels;

import io.huitong.kernel.Money;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderChannels;
import java.util.List;

/** The order channels in the order they are configured; a payment goes to those that take its method. */
final class ConfiguredOrderChannels implements OrderChannels {

    private final List<OrderChannel> channels;

    ConfiguredOrderChannels(List<? extends OrderChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    @Override
    public List<OrderChannel> candidates(String method, Money amount) {
        return channels.stream().filter(c -> c.method().equals(method)).toList();
    }

    @Override
    public List<OrderChannel> all() {
        return channels;
    }
}
