package io.huitong.vault;

import io.huitong.approvals.Approvals;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The vault: data keys in the database, wrapped by the master keys this node holds ({@code HUITONG_MASTER_KEY},
 * {@code HUITONG_MASTER_KEY_NEXT}, {@code master.key} and {@code master.keys} in the data directory; see
 * {@link MasterKeyFiles}), unwrapped once at start. Losing every master key that wraps the data keys makes sealed data
 * unreadable: back the key files up, but never next to the database or its backups.
 */
@Configuration(proxyBeanMethods = false)
class VaultConfig {

    @Bean
    MasterKeyFiles masterKeyFiles(@Value("${huitong.master-key:}") String configuredKey, @Value("${huitong.master-key-next:}") String nextKey,
                                  @Value("${huitong.data-dir}") String dataDir) {
        return MasterKeyFiles.load(configuredKey, nextKey, Path.of(dataDir));
    }

    @Bean
    KeyringStore keyringStore(JdbcClient jdbc) {
        return new KeyringStore(jdbc);
    }

    // JdbcClient depends on the Flyway migration, so the keyring's tables exist by now.
    @Bean
    EnvelopeVault vault(KeyringStore store, MasterKeyFiles files, PlatformTransactionManager transactions, Clock clock) {
        return new EnvelopeVault(new KeyringBootstrap(store, files, new TransactionTemplate(transactions), clock).open());
    }

    @Bean
    KeyRotation keyRotation(KeyringStore store, MasterKeyFiles files, EnvelopeVault vault, Approvals approvals,
                            PlatformTransactionManager transactions, Clock clock) {
        return new KeyRotation(store, files, vault, approvals, new TransactionTemplate(transactions), clock);
    }
}
