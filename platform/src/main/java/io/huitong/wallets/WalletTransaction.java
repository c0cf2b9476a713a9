package io.huitong.wallets;

import java.time.Instant;

/**
 * One line of a wallet's history: {@code type} is topup, transfer_in, transfer_out, payment, refund or
 * withdrawal; {@code amount} is signed (money out is negative); {@code counterparty} is a masked phone
 * number, a merchant's name or a masked card or bank account.
 */
public record WalletTransaction(String id, String object, String type, long amount, String currency, String status,
                                String counterparty, String reference, Instant createdAt) {
}
