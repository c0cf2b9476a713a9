package io.huitong.settlement;

import java.time.Instant;

/**
 * One payment (with its fee), refund or adjustment that a settlement took up, in the currency it happened in.
 *
 * @param kind     {@code payment}, {@code refund} or {@code adjustment}
 * @param objectId the payment ({@code pay_...}), refund ({@code re_...}) or ledger transfer behind the line
 * @param net      {@code gross - fee - refund + adjustment}
 */
public record SettlementLine(String objectId, String kind, String currency, long gross, long fee, long refund, long adjustment,
                             long net, Instant happenedAt) {
}
