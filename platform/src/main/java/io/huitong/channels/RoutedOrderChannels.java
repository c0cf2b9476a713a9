package io.huitong.channels;

import io.huitong.kernel.Money;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderChannels;
import java.util.List;

/** The order channels (bank transfer, e-CNY, QR) that take a payment, ranked by routing. */
final class RoutedOrderChannels implements OrderChannels {

    private final RoutedChannels<OrderChannel> routed;

    RoutedOrderChannels(RoutedChannels<OrderChannel> routed) {
        this.routed = routed;
    }

    @Override
    public List<OrderChannel> candidates(String method, Money amount) {
        return routed.candidates(method, amount);
    }

    @Override
    public List<OrderChannel> all() {
        return routed.all();
    }
}
