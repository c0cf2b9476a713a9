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
 * @param payerSince when the payer became a customer (a consumer's sign-up), if known: the payer's age counts from
 *                   it or from when risk control first saw the payer, whichever is earlier
 */
public record RiskRequest(String reference, String kind, String merchantId, String userId, long amount, String currency,
                          String cardNumber, RiskContext context, Instant at, Instant payerSince) {

    public RiskRequest {
        context = RiskContext.orEmpty(context);
    }

    /** A movement whose payer's start as a customer is not known. */
    public RiskRequest(String reference, String kind, String merchantId, String userId, long amount, String currency, String cardNumber,
                       RiskContext context, Instant at) {
        this(reference, kind, merchantId, userId, amount, currency, cardNumber, context, at, null);
    }

    @Override
    public String toString() {
        return "RiskRequest[" + reference + ", " + kind + ", " + amount + " " + currency + "]";
    }
}
