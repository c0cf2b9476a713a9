package io.huitong.wallets;

import java.time.Instant;

/**
 * Published in-process, synchronously and inside the wallet's own transaction, each time a line of a
 * wallet's history is written or changes status: a listener that writes to the database in the same
 * thread commits or rolls back with the movement. {@code type} and {@code amount} (signed, minor units)
 * are those of the history line ({@code transfer_out}, {@code transfer_in}, {@code topup}, {@code payment},
 * {@code refund}, {@code withdrawal}); {@code reference} names the business object ({@code wtr_}, {@code top_},
 * {@code pay_}, {@code re_}, {@code wdr_}); {@code counterparty} is what the history shows (a masked or full
 * phone number, a merchant's name, a card, a bank account); {@code merchant} is the merchant a {@code payment}
 * paid and how it was paid, null on other lines.
 */
public record WalletMovement(String lineId, String walletId, String userId, String type, long amount, String currency, String status,
                             String counterparty, String reference, Instant at, Merchant merchant) {

    /** The merchant a wallet payment paid ({@code merchantId}), by {@code method}: {@code payment_code} or {@code qr}. */
    public record Merchant(String merchantId, String method) {
    }

    public boolean succeeded() {
        return "succeeded".equals(status);
    }
}
