package io.huitong.wallets.internal;

import io.huitong.consumers.TwoFactor;
import io.huitong.consumers.Users;
import io.huitong.identity.Merchants;
import io.huitong.kernel.Ids;
import io.huitong.kernel.JobLeases;
import io.huitong.payments.Payments;
import io.huitong.ledger.Ledger;
import io.huitong.wallets.AccountClasses;
import io.huitong.wallets.BankPayouts;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import io.huitong.consumers.Verifications;
import io.huitong.wallets.domain.ClassRules;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WalletsProperties.class)
class WalletsConfig {

    @Bean
    AccountClasses accountClasses(Verifications verifications) {
        return new VerifiedAccountClasses(verifications);
    }

    @Bean
    WalletService walletService(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, Ledger ledger, Users users, TwoFactor twoFactor, AccountClasses classes,
                                WalletsProperties properties,
                                PlatformTransactionManager transactions, Clock clock, Ids ids,
                                org.springframework.context.ApplicationEventPublisher listeners, io.huitong.risk.Risk risk) {
        io.huitong.kernel.SqlDialect dialect = batch.execute(
                (org.springframework.jdbc.core.ConnectionCallback<io.huitong.kernel.SqlDialect>) io.huitong.kernel.SqlDialect::of);
        return new WalletService(new WalletStore(jdbc, batch, listeners::publishEvent, dialect), ledger, users, twoFactor, classes,
                new ClassRules(properties.classes().limits(), properties.classes().zone()), new TransactionTemplate(transactions), clock, ids,
                risk, properties.stepUpCoolOff());
    }

    @Bean
    TopUps topUps(WalletService wallets, Payments payments, Merchants merchants) {
        return new TopUps(wallets, payments, merchants);
    }

    /** Whose payment codes this node issued, while they are valid. */
    @Bean
    CodeHolders codeHolders(WalletsProperties properties) {
        return new CodeHolders(properties.paymentCodeTtl());
    }

    @Bean
    WalletOrderChannel walletOrderChannel(WalletService wallets, Ledger ledger, CodeHolders holders) {
        return new WalletOrderChannel(wallets, ledger, holders);
    }

    @Bean
    PaymentCodes paymentCodes(WalletService wallets, WalletsProperties properties, CodeHolders holders) {
        return new PaymentCodes(wallets, properties.paymentCodeTtl(), holders);
    }

    @Bean
    QrPayments qrPayments(WalletService wallets, Payments payments, Ledger ledger) {
        return new QrPayments(wallets, payments, ledger);
    }

    @Bean
    Withdrawals withdrawals(WalletService wallets, Ledger ledger, ObjectProvider<BankPayouts> payouts, Verifications verifications) {
        return new Withdrawals(wallets, ledger, () -> Optional.ofNullable(payouts.getIfAvailable()), verifications);
    }

    /** Withdrawals the bank paid and got back, as the bank channel hands them over. */
    @Bean
    io.huitong.wallets.PayoutReturns withdrawalReturns(WalletService wallets, Ledger ledger) {
        return new WithdrawalReturns(wallets, ledger);
    }

    @Bean
    WalletsApi wallets(WalletService wallets, TopUps topUps, PaymentCodes codes, QrPayments qrPayments, Withdrawals withdrawals,
                       Users users) {
        return new WalletsApi(wallets, topUps, codes, qrPayments, withdrawals, new WalletTransfers(wallets, users));
    }

    @Bean
    WalletResolver walletResolver(TopUps topUps, Withdrawals withdrawals, PaymentCodes codes, WalletsProperties properties, JobLeases leases) {
        return new WalletResolver(topUps, withdrawals, codes, properties.resolverInterval().toMillis(), leases);
    }
}
