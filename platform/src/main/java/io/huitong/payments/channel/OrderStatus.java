package io.huitong.payments.channel;

import io.huitong.kernel.Money;

/** What a channel says about an order or a refund, when asked or in a notification. */
public sealed interface OrderStatus {

    /** Paid (or, for a refund, paid back) in full: {@code amount} is what moved. */
    record Paid(String channelReference, Money amount) implements OrderStatus {
    }

    /** Open: the payer or the network has not acted yet. */
    record Pending() implements OrderStatus {
    }

    /** Refused, closed or expired unpaid: no money moved. */
    record Failed(String code, String message) implements OrderStatus {
    }

    /** The channel has no order with this reference. */
    record NotFound() implements OrderStatus {
    }

    /** The channel could not be asked right now. */
    record Unknown(String reason) implements OrderStatus {
    }
}
