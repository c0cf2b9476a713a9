package io.huitong.settlement;

/** A bank account as it may be shown: the number masked to its last four digits. */
public record BankAccountView(String bankCode, String accountNumber, String accountName) {

    public static BankAccountView masked(String bankCode, String last4, String accountName) {
        return new BankAccountView(bankCode, "•••• " + last4, accountName);
    }
}
