package io.huitong.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a merchant was due in one currency of its pending balance, as of a business date, net of fees and
 * refunds, in its settlement currency.
 *
 * @param currency       the settlement currency: {@code gross}, {@code fees}, {@code refunds}, {@code adjustments} and
 *                       {@code net} are in it
 * @param sourceCurrency the currency of the payments and refunds settled; differs from {@code currency} when they were
 *                       converted at {@code fxRate}
 * @param adjustments    movements other than payments and refunds, and a negative balance carried in from before
 * @param net            {@code gross - fees - refunds + adjustments}; paid out when positive
 * @param carriedForward a negative net (in the source currency) carried to the next settlement instead of paid out
 * @param status         {@code pending} (payout to come), {@code paid}, {@code failed} (payout failed, money back in the
 *                       available balance) or {@code carried_forward}
 */
public record Settlement(String id, String merchantId, String runId, LocalDate businessDate, String currency, long gross, long fees,
                         long refunds, long adjustments, long net, String sourceCurrency, BigDecimal fxRate, long carriedForward,
                         int linesCount, Instant periodStart, Instant periodEnd, String payoutId, String status, Instant createdAt) {
}
