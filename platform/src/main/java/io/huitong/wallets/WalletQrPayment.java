package io.huitong.wallets;

import java.time.Instant;

/** A merchant's QR payment paid from the wallet: {@code payment} is the merchant's payment, {@code merchant} its name. */
public record WalletQrPayment(String id, String object, String payment, long amount, String currency, String merchant, String status,
                              Instant createdAt) {
}
