package io.huitong.consumers.internal;

import io.huitong.identity.LoginGuard;

import io.huitong.consumers.ChannelCheck;
import io.huitong.consumers.ChannelClaim;
import io.huitong.consumers.IdentityCheck;
import io.huitong.consumers.VerificationChannel;
import java.util.ArrayList;
import java.util.List;
import io.huitong.kernel.Ids;
import io.huitong.vault.Vault;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Consumers' second factor, QR login and verification. */
@Configuration(proxyBeanMethods = false)
class TwoFactorConfig {

    @Bean
    TotpAuthenticator totpAuthenticator(JdbcClient jdbc, PlatformTransactionManager transactions, Vault vault, Clock clock, Ids ids,
                                        ConsumersProperties properties) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return new TotpAuthenticator(jdbc, tx, vault, clock, ids, new LoginGuard(jdbc, tx, properties.lockout()));
    }

    @Bean
    LoginQrCodes loginQrCodes(JdbcClient jdbc, PlatformTransactionManager transactions, UserAccounts accounts, Clock clock, Ids ids) {
        return new LoginQrCodes(jdbc, new TransactionTemplate(transactions), accounts, clock, ids);
    }

    @Bean
    RealNameRegistry realNameRegistry(JdbcClient jdbc, Vault vault) {
        return new RealNameRegistry(jdbc, vault);
    }

    /**
     * Verification channel by channel: a channel is checked against an outside service only when the deployment declares a
     * {@link ChannelCheck} for it (for the public-security channel, an {@link IdentityCheck} will do).
     */
    @Bean
    VerificationRegistry verificationRegistry(JdbcClient jdbc, PlatformTransactionManager transactions, RealNameRegistry identities,
                                              Clock clock, ConsumersProperties properties, ObjectProvider<ChannelCheck> channelChecks,
                                              ObjectProvider<IdentityCheck> identityCheck) {
        List<ChannelCheck> checks = new ArrayList<>(channelChecks.orderedStream().toList());
        identityCheck.ifAvailable(check -> checks.add(new ChannelCheck() {
            @Override
            public VerificationChannel channel() {
                return VerificationChannel.PUBLIC_SECURITY;
            }

            @Override
            public boolean matches(ChannelClaim claim) {
                return check.matches(claim.identity());
            }
        }));
        return new VerificationRegistry(jdbc, new TransactionTemplate(transactions), identities, clock, checks,
                properties.verification().providersRequired());
    }

    /** Verifications stored before their ID numbers were fingerprinted get their fingerprints once the platform is up. */
    @Bean
    ApplicationRunner fingerprintEarlierVerifications(RealNameRegistry registry) {
        return args -> registry.fingerprintEarlier();
    }
}
