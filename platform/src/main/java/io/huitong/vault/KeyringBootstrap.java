package io.huitong.vault;

import io.huitong.kernel.DbTimes;
import io.huitong.vault.domain.DataKey;
import io.huitong.vault.domain.Keyring;
import io.huitong.vault.domain.MasterKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the keyring at start: unwraps every data key with the master key that wraps it, which this node must hold. The
 * first start against a database without a keyring creates it under the node's master key (generating one into
 * {@code master.keys} when the node has none): a fresh sealing key, and a fresh fingerprint key, except that a master
 * key from before the keyring ({@code HUITONG_MASTER_KEY} or {@code master.key}) becomes the legacy data key, which
 * opens what it sealed and keeps the fingerprints it made. Master keys the keyring records as destroyed are removed
 * from this node's key files.
 */
final class KeyringBootstrap {

    private static final Logger log = LoggerFactory.getLogger(KeyringBootstrap.class);

    private final KeyringStore store;
    private final MasterKeyFiles files;
    private final TransactionTemplate tx;
    private final Clock clock;

    KeyringBootstrap(KeyringStore store, MasterKeyFiles files, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.files = files;
        this.tx = tx;
        this.clock = clock;
    }

    Keyring open() {
        if (store.pointer(false).isEmpty()) {
            create();
        }
        record Read(KeyringStore.Pointer pointer, List<KeyringStore.DataKeyRow> rows) {
        }
        Read read = tx.execute(s -> new Read(store.pointer(false).orElseThrow(), store.dataKeys()));
        List<DataKey> keys = new ArrayList<>();
        for (KeyringStore.DataKeyRow row : read.rows()) {
            MasterKey master = files.find(row.masterKeyId()).orElseThrow(() -> new IllegalStateException(missing(row.masterKeyId())));
            try {
                keys.add(master.unwrap(row.id(), row.purpose(), row.wrapped()));
            } catch (VaultException e) {
                throw new IllegalStateException("The keyring cannot be opened: " + e.getMessage() + " (altered in the database?)");
            }
        }
        Keyring keyring = new Keyring(keys, read.pointer().sealKeyId(), read.pointer().fingerprintKeyId());
        sweepDestroyed();
        log.info("Vault: {} data keys under master key {} (held in {}); sealing with {}", keys.size(), read.pointer().masterKeyId(),
                sources(read.pointer().masterKeyId()), keyring.sealing().id());
        return keyring;
    }

    private void create() {
        MasterKeyFiles.Held initial = files.held().stream().filter(h -> h.source() != MasterKeyFiles.Source.ENVIRONMENT_NEXT).findFirst()
                .orElseGet(() -> new MasterKeyFiles.Held(files.generate(), MasterKeyFiles.Source.KEYRING_FILE));
        MasterKey master = initial.key();
        boolean upgrade = initial.source() == MasterKeyFiles.Source.ENVIRONMENT || initial.source() == MasterKeyFiles.Source.KEY_FILE;
        DataKey seal = DataKey.generate(DataKey.Purpose.SEAL);
        DataKey fingerprints = upgrade ? master.legacyDataKey() : DataKey.generate(DataKey.Purpose.FINGERPRINT);
        Instant now = DbTimes.now(clock);
        try {
            tx.executeWithoutResult(s -> {
                store.insertMasterKey(master.id(), now);
                store.insertDataKey(fingerprints, master.id(), master.wrap(fingerprints), now);
                store.insertDataKey(seal, master.id(), master.wrap(seal), now);
                store.insertPointer(master.id(), seal.id(), fingerprints.id());
            });
        } catch (DuplicateKeyException raced) {
            log.info("Vault: another node created the keyring at the same moment; using theirs");
            return;
        }
        log.info("Vault: created the keyring under master key {} from {}{}", master.id(), initial.source().label, upgrade
                ? "; the key is kept as legacy data key " + master.id() + ", which opens the values it sealed and keys the fingerprints" : "");
    }

    /** Destroyed master keys left in this node's files (another node carried out the destruction) are removed now. */
    private void sweepDestroyed() {
        for (KeyringStore.MasterKeyRow row : store.masterKeys()) {
            if (row.destroyedAt() == null || files.sources(row.id()).isEmpty() || row.dataKeys() > 0) {
                continue;
            }
            if (files.remove(row.id())) {
                log.warn("Vault: master key {} is destroyed, but {} still holds it: remove it from there", row.id(), sources(row.id()));
            } else {
                log.info("Vault: removed destroyed master key {} from this node's key files", row.id());
            }
        }
    }

    private String missing(String masterKeyId) {
        String held = files.held().stream().map(h -> h.key().id() + " (" + h.source().label + ")").collect(Collectors.joining(", "));
        return "The keyring's data keys are wrapped by master key " + masterKeyId + ", which this node does not hold. Give it the key the"
                + " other nodes have (a line of master.keys in the data directory, or HUITONG_MASTER_KEY / HUITONG_MASTER_KEY_NEXT). It holds: "
                + (held.isEmpty() ? "none" : held) + ".";
    }

    private String sources(String id) {
        return files.sources(id).stream().map(s -> s.label).collect(Collectors.joining(", "));
    }
}
