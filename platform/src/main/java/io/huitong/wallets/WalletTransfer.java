package io.huitong.wallets;

import java.time.Instant;

/** A transfer between two wallets; {@code to} is the recipient's masked phone number. */
public record WalletTransfer(String id, String object, long amount, String currency, String to, String note, String status,
                             Instant createdAt) {
}
