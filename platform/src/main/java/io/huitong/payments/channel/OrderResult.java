package io.huitong.payments.channel;

import java.time.Instant;

/** A channel's answer to opening an order. */
public sealed interface OrderResult {

    /**
     * The order is open and waits for the payer or the network; its outcome comes by notification or
     * inquiry.
     *
     * @param channelReference the channel's own id of the order
     * @param qrPayload        what the merchant shows the payer to scan (an EMVCo merchant-presented QR
     *                         payload), or null when nothing is shown (the payer's bank or wallet asks them)
     * @param expiresAt        when the channel closes the order unpaid
     */
    record Opened(String channelReference, String qrPayload, Instant expiresAt) implements OrderResult {
    }

    /** Paid at once (a bank transfer settled synchronously). */
    record Paid(String channelReference) implements OrderResult {
    }

    /** Refused: {@code code} is docs/api.md's failure code, such as {@code insufficient_funds}. */
    record Declined(String code, String message) implements OrderResult {
    }

    /** The channel certainly did not open the order: another channel may be tried. */
    record Unavailable(String reason) implements OrderResult {
    }

    /** No answer in time: the order may or may not exist. Only a query can tell. */
    record Unknown(String reason) implements OrderResult {
    }
}
