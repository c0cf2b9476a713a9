package io.huitong.protocols.iso20022;

/**
 * An account at a bank: the bank's clearing code (a CNAPS member id, carried in {@code ClrSysMmbId/MmbId}),
 * the account number ({@code Acct/Id/Othr/Id}) and the holder's name. {@link #toString()} shows the last
 * four digits of the number only, so that an account never reaches a log in full.
 */
public record BankAccount(String bankCode, String number, String name) {

    public BankAccount {
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("an account number is required");
        }
    }

    /** The account number's last four characters. */
    public String last4() {
        return number.length() <= 4 ? number : number.substring(number.length() - 4);
    }

    /** {@code ****0002}: enough to recognize an account, not enough to use it. */
    public String masked() {
        return "****" + last4();
    }

    @Override
    public String toString() {
        return "BankAccount[" + (bankCode == null ? "" : bankCode + " ") + masked() + "]";
    }
}
