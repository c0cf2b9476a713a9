package io.huitong.payments.internal;

import io.huitong.kernel.Money;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderChannels;
import io.huitong.payments.channel.PayerAccount;
import io.huitong.payments.domain.PaymentMethod;
import io.huitong.payments.domain.PaymentRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The order channels as payments look them up: by name, by method, and which clearing account a payment's money
 * passes through. The channels come from outside payments and are looked up on first use (they depend on payments).
 */
class OrderChannelBook {

    /** The order channel of Huitong's own wallets. */
    static final String WALLET_CHANNEL = "wallet";

    private final Supplier<OrderChannels> channels;

    OrderChannelBook(Supplier<OrderChannels> channels) {
        this.channels = channels;
    }

    List<OrderChannel> candidates(PaymentMethod method, Money amount) {
        return channels.get().candidates(method.wireName(), amount);
    }

    /** Every channel of this method, unranked. */
    List<OrderChannel> ofMethod(PaymentMethod method) {
        return channels.get().all().stream().filter(c -> c.method().equals(method.wireName())).toList();
    }

    Optional<OrderChannel> find(String name) {
        return name == null ? Optional.empty() : channels.get().all().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    OrderChannel named(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no order channel named " + name));
    }

    boolean isOrderChannel(String name) {
        return find(name).isPresent();
    }

    /** The platform's own consumer paying from this account, if a channel of the method knows one (a wallet's payment code). */
    Optional<OrderChannel.PayingConsumer> consumerOf(PaymentMethod method, PayerAccount payer) {
        return ofMethod(method).stream().map(c -> c.consumerOf(payer)).flatMap(Optional::stream).findFirst();
    }

    /**
     * The method whose clearing account a payment's money passes through: the method of the channel that took it, so
     * that a QR payment paid from a Huitong wallet clears through the wallet clearing account.
     */
    String clearingMethod(PaymentRecord payment) {
        return payment.isCard() ? payment.method().wireName()
                : find(payment.channel().name()).map(OrderChannel::method).orElse(payment.method().wireName());
    }

    /** The clearing method of a channel by name: an order channel's method, or {@code fallback}. */
    String clearingMethod(String channel, String fallback) {
        return find(channel).map(OrderChannel::method).orElse(fallback);
    }
}
