package io.huitong.insights;

import java.time.Instant;

/**
 * A payment as a list shows it. Amounts are minor units of {@code currency}.
 *
 * @param method          payment method type ({@code card}, {@code bank_transfer}, {@code ecny}, {@code qr},
 *                        {@code payment_code})
 * @param cardBrand       the card's brand, for a card payment; else null
 * @param cardLast4       the card's last four digits, for a card payment; else null
 * @param payerLast4      the payer's account's last four characters, for a bank transfer or e-CNY; else null
 * @param amountReceived  what the payment received (captured)
 * @param amountRefunded  what was refunded of it (pending refunds included)
 */
public record PaymentRow(String id, Instant createdAt, long amount, String currency, String status, String method, String cardBrand,
                         String cardLast4, String payerLast4, String description, long amountReceived, long amountRefunded) {
}
