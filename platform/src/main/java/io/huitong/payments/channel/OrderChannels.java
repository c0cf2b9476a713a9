package io.huitong.payments.channel;

import io.huitong.kernel.Money;
import java.util.List;

/**
 * The order channels payments may use. As with {@link CardChannels}, routing outside payments decides
 * which channels take a method, currency and amount and in what order; payments moves on only after
 * {@link OrderResult.Unavailable}.
 */
public interface OrderChannels {

    /** The channels to try for this method and amount, best first; empty when none takes them. */
    List<OrderChannel> candidates(String method, Money amount);

    /** Every order channel. */
    List<OrderChannel> all();
}
