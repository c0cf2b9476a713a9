package io.huitong.payments.channel;

/**
 * The payer's account at the channel: a bank account ({@code bankCode}, {@code accountNumber},
 * {@code accountName}) or an e-CNY wallet ({@code accountNumber} is the wallet id; no bank code).
 * {@link #toString()} shows the last four digits only.
 */
public record PayerAccount(String bankCode, String accountNumber, String accountName) {

    /** The account number's last four characters. */
    public String last4() {
        return accountNumber.length() <= 4 ? accountNumber : accountNumber.substring(accountNumber.length() - 4);
    }

    @Override
    public String toString() {
        return "PayerAccount[" + (bankCode == null ? "" : bankCode + " ") + "..." + last4() + "]";
    }
}
