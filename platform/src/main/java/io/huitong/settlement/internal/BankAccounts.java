package io.huitong.settlement.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.settlement.BankAccountView;
import io.huitong.settlement.SettlementBankAccount;
import io.huitong.vault.Vault;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Merchants' settlement bank accounts: the number sealed under the merchant's id, shown masked. */
final class BankAccounts {

    private final JdbcClient jdbc;
    private final Vault vault;

    BankAccounts(JdbcClient jdbc, Vault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** A merchant's account as a payout takes it: shown masked, the number sealed. */
    record Sealed(BankAccountView view, String sealedNumber) {
    }

    BankAccountView set(String merchantId, SettlementBankAccount account, Instant now) {
        String sealed = vault.seal(account.accountNumber(), context(merchantId));
        int updated = jdbc.sql("update merchant_bank_account set bank_code = ?, account_sealed = ?, account_last4 = ?, account_name = ?,"
                        + " updated_at = ? where merchant_id = ?")
                .params(account.bankCode(), sealed, account.last4(), account.accountName(), DbTimes.at(now), merchantId).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into merchant_bank_account (merchant_id, bank_code, account_sealed, account_last4, account_name, updated_at)"
                                + " values (?, ?, ?, ?, ?, ?)")
                        .params(merchantId, account.bankCode(), sealed, account.last4(), account.accountName(), DbTimes.at(now)).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // set at the same moment by another request: the later one wins, as if it had come second
                return set(merchantId, account, now);
            }
        }
        return account.masked();
    }

    Optional<Sealed> find(String merchantId) {
        return jdbc.sql("select bank_code, account_last4, account_name, account_sealed from merchant_bank_account where merchant_id = ?")
                .param(merchantId)
                .query((rs, n) -> new Sealed(BankAccountView.masked(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4)))
                .optional();
    }

    String open(String merchantId, String sealedNumber) {
        return vault.open(sealedNumber, context(merchantId));
    }

    private static String context(String merchantId) {
        return "settlement-account:" + merchantId;
    }
}
