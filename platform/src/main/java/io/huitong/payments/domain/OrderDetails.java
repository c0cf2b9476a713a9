package io.huitong.payments.domain;

import java.time.Instant;

/**
 * What an order payment (bank transfer, e-CNY, QR) carries beyond a card payment: the payer's account as shown,
 * the channel's id of the order, the QR payload the merchant shows, and the order's expiry.
 */
public record OrderDetails(String payerBankCode, String payerLast4, String payerName, String channelReference, String qrPayload,
                           Instant expiresAt) {

    public static final OrderDetails EMPTY = new OrderDetails(null, null, null, null, null, null);

    public OrderDetails opened(String newChannelReference, String newQrPayload, Instant newExpiresAt) {
        return new OrderDetails(payerBankCode, payerLast4, payerName, newChannelReference, newQrPayload, newExpiresAt);
    }
}
