package io.huitong.channels.iso20022;

import io.huitong.kernel.Money;

/**
 * One payout of a batch: money from our settlement account to a creditor's bank account.
 * {@link #toString()} shows the account's last four digits only.
 *
 * @param reference our payout's id; names it at the bank for good
 */
public record BankPayout(String reference, Money amount, String bankCode, String accountNumber, String accountName, String remittance) {

    public BankPayout {
        if (reference == null || reference.isBlank() || amount == null || !amount.isPositive() || accountNumber == null
                || accountNumber.isBlank()) {
            throw new IllegalArgumentException("a payout needs a reference, a positive amount and an account number");
        }
    }

    @Override
    public String toString() {
        String last4 = accountNumber.length() <= 4 ? accountNumber : accountNumber.substring(accountNumber.length() - 4);
        return "BankPayout[" + reference + ", " + amount + ", " + (bankCode == null ? "" : bankCode + " ") + "..." + last4 + "]";
    }
}
