package io.huitong.wallets;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.Currencies;

/**
 * {@code POST /v1/wallet/withdrawals}: money from the wallet to the consumer's bank account; {@code otp}, a code
 * from the consumer's authenticator app (or a recovery code), when risk control asks for one.
 */
public record NewWithdrawal(Long amount, String currency, BankAccount bankAccount, io.huitong.risk.RiskContext riskContext, String otp) {

    /** The same withdrawal, with what the request itself tells about the payer. */
    public NewWithdrawal withRiskContext(io.huitong.risk.RiskContext context) {
        return new NewWithdrawal(amount, currency, bankAccount, context, otp);
    }

    @Override
    public String toString() {
        return "NewWithdrawal[" + amount + " " + currency + ", " + bankAccount + "]";
    }


    public NewWithdrawal {
        WalletAmounts.check(amount);
        Currencies.require(currency, "currency");
        if (bankAccount == null) {
            throw ApiException.missing("bank_account");
        }
    }

    /** The bank account to credit. {@link #toString()} hides the number. */
    public record BankAccount(String bankCode, String accountNumber, String accountName) {

        public BankAccount {
            if (bankCode == null) {
                throw ApiException.missing("bank_account.bank_code");
            }
            if (!bankCode.matches("[A-Za-z0-9]{3,12}")) {
                throw ApiException.invalid("bank_account.bank_code", "bank_code must be 3 to 12 letters or digits");
            }
            if (accountNumber == null) {
                throw ApiException.missing("bank_account.account_number");
            }
            if (!accountNumber.matches("[A-Za-z0-9]{6,34}")) {
                throw ApiException.invalid("bank_account.account_number", "account_number must be 6 to 34 letters or digits");
            }
            if (accountName == null) {
                throw ApiException.missing("bank_account.account_name");
            }
            if (accountName.isBlank() || accountName.length() > 140) {
                throw ApiException.invalid("bank_account.account_name", "account_name must be 1 to 140 characters");
            }
        }

        @Override
        public String toString() {
            return "BankAccount[" + bankCode + ", <hidden>]";
        }
    }
}
