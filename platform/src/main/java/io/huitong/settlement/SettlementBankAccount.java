package io.huitong.settlement;

import io.huitong.kernel.ApiException;
import io.huitong.kernel.CheckDigits;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * A merchant's settlement bank account as an operator enters it. Refuses itself with a 400 naming the field. An
 * account number carries check digits where its form has them: a bank-card number (UnionPay, {@code 62}, 16 to 19
 * digits) passes the Luhn check, an IBAN its ISO 13616 mod-97 check; other account numbers are 8 to 32 digits.
 * {@link #toString()} shows the last four digits only.
 */
public record SettlementBankAccount(String bankCode, String accountNumber, String accountName) {

    private static final Pattern BANK_CODE = Pattern.compile("[0-9A-Z]{3,16}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{8,32}");
    private static final Pattern CARD = Pattern.compile("62[0-9]{14,17}");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[0-9A-Z]{11,30}");

    public SettlementBankAccount {
        if (bankCode == null) {
            throw ApiException.missing("bank_code");
        }
        if (!BANK_CODE.matcher(bankCode).matches()) {
            throw ApiException.invalid("bank_code", "bank_code must be 3 to 16 digits or upper-case letters (a CNAPS code has 12 digits)");
        }
        if (accountNumber == null) {
            throw ApiException.missing("account_number");
        }
        accountNumber = accountNumber.replace(" ", "");
        if (IBAN.matcher(accountNumber).matches()) {
            if (!ibanValid(accountNumber)) {
                throw ApiException.invalid("account_number", "account_number fails its IBAN check digits");
            }
        } else if (!DIGITS.matcher(accountNumber).matches()) {
            throw ApiException.invalid("account_number", "account_number must be 8 to 32 digits, or an IBAN");
        } else if (CARD.matcher(accountNumber).matches() && !CheckDigits.luhnValid(accountNumber)) {
            throw ApiException.invalid("account_number", "account_number fails its check digit (a bank-card number carries a Luhn check digit)");
        }
        if (accountName == null) {
            throw ApiException.missing("account_name");
        }
        accountName = accountName.strip();
        if (accountName.isEmpty() || accountName.length() > 140 || accountName.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("account_name", "account_name must be 1 to 140 characters, without control characters");
        }
    }

    public String last4() {
        return accountNumber.substring(accountNumber.length() - 4);
    }

    public BankAccountView masked() {
        return BankAccountView.masked(bankCode, last4(), accountName);
    }


    static boolean ibanValid(String iban) {
        String moved = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : moved.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    @Override
    public String toString() {
        return "SettlementBankAccount[" + bankCode + " ..." + last4() + "]";
    }
}
