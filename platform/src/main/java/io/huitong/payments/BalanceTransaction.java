package io.huitong.payments;

import java.time.Instant;

/**
 * One ledger line behind a merchant's balance: {@code amount} is signed (positive adds to the balance),
 * {@code type} is {@code payment}, {@code payment_fee} or {@code refund}, {@code source} the payment or
 * refund it belongs to, {@code balance} which balance it moved ({@code pending} or {@code available}).
 */
public record BalanceTransaction(String id, String object, long amount, String currency, String type, String source,
                                 String balance, String transfer, Instant createdAt) {
}
