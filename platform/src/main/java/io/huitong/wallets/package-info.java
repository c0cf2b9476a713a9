/**
 * Wallets: a consumer's stored value. The money is in the ledger, one account per consumer and currency
 * ({@code usr_x:wallet:CNY}, a liability that cannot go negative); this module keeps the wallet's state
 * (active or frozen), its history as the consumer sees it, and moves money in and out of it: top-ups from
 * a card (through payments, as payments of an internal merchant), transfers between consumers by phone
 * number, payments to merchants with a payment code (付款码) or by scanning a merchant's QR code, and
 * withdrawals to a bank account. Balance payments and transfers obey the wallet's payment-account class
 * ({@link io.huitong.wallets.AccountClass}), which its holder's verification channels give. The rules that need neither
 * Spring nor SQL are in {@code domain}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Wallets",
        allowedDependencies = {"kernel", "ledger", "consumers", "identity", "payments", "payments :: channel", "risk"})
package io.huitong.wallets;
