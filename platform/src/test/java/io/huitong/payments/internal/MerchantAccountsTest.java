package io.huitong.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.huitong.kernel.Money;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.jdbc.JdbcLedger;
import io.huitong.testsupport.TestDatabases;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The merchant accounts a payment posts to, opened once and remembered only when they really exist. */
class MerchantAccountsTest {

    @Test
    void accountsOpenedInATransactionThatRollsBackAreOpenedAgainWhenNext() {
        try (TestDatabases.TestDb db = TestDatabases.h2().migrated()) {
            DataSource dataSource = db.dataSource();
            Ledger ledger = new JdbcLedger(dataSource, Clock.systemUTC());
            MerchantAccounts accounts = new MerchantAccounts(ledger);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

            tx.executeWithoutResult(status -> {
                accounts.open("mer_1", "CNY", "card");
                status.setRollbackOnly();
            });
            assertThat(ledger.account(MerchantAccounts.pending("mer_1", "CNY"))).as("rolled back with its transaction").isEmpty();

            accounts.open("mer_1", "CNY", "card");
            accounts.post(accounts.saleTransfers("pay_1", "mer_1", "card", new Money(1000, "CNY"), 30));

            assertThat(ledger.account(MerchantAccounts.pending("mer_1", "CNY")).orElseThrow().postedBalance()).isEqualTo(970);
            assertThat(ledger.check().balanced()).isTrue();
        }
    }
}
