package io.huitong.wallets;

import java.time.Instant;

/**
 * A withdrawal to a bank account: {@code pending} while the money is on hold in the wallet and the bank has
 * not confirmed, then {@code succeeded}, or {@code failed} with the money back in the wallet.
 */
public record Withdrawal(String id, String object, long amount, String currency, String status, BankAccount bankAccount,
                         String failureCode, Instant createdAt) {

    public record BankAccount(String bankCode, String last4, String accountName) {
    }
}
