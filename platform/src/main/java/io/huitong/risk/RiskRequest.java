package io.huitong.risk;

import java.time.Instant;

/**
 * One money movement to decide on.
 *
 * @param reference  the movement's id ({@code pay_...}, {@code wtr_...}, ...), recorded with the decision
 * @param kind       {@code card_payment}, {@code order_payment}, {@code wallet_transfer}, {@code top_up},
 *                   {@code withdrawal} or {@code qr_payment}
 * @param merchantId the merchant paid, if any
 * @param userId     the consumer who pays, if known
 * @param amount     minor units
 * @param cardNumber the card's number, if the movement is paid by card: fingerprinted at once, never kept
 * @param context    what the request tells about the payer (never null; {@link RiskContext#EMPTY})
 * @param at         when
 */
public record RiskRequest(String reference, String kind, String merchantId, String userId, long amount, String currency,
                          String cardNumber, RiskContext context, Instant at) {

    public RiskRequest {
        context = RiskContext.orEmpty(context);
    }

    @Override
    public String toString() {
        return "RiskRequest[" + reference + ", " + kind + ", " + amount + " " + currency + "]";
    }
}
