package io.huitong.vault;

import io.huitong.approvals.Approval;
import io.huitong.approvals.ApprovalHandler;
import io.huitong.approvals.Approvals;
import io.huitong.approvals.NewApproval;
import io.huitong.identity.OperatorRole;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.vault.domain.DataKey;
import io.huitong.vault.domain.MasterKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Master key rotation and destruction. A rotation wraps every data key anew under the new master key and makes it
 * current, in one transaction under the lock of the keyring's row (the approval's, when an approval carries it out), so
 * rotations happen one after the other and a reader sees either the old wrapping or the new one. Sealing and opening
 * go on meanwhile from the data keys in memory, which a rotation does not change.
 */
final class KeyRotation implements VaultKeys, ApprovalHandler {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    static final String OBJECT_TYPE = "master_key";

    private final KeyringStore store;
    private final MasterKeyFiles files;
    private final EnvelopeVault vault;
    private final Approvals approvals;
    private final TransactionTemplate tx;
    private final Clock clock;

    KeyRotation(KeyringStore store, MasterKeyFiles files, EnvelopeVault vault, Approvals approvals, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.files = files;
        this.vault = vault;
        this.approvals = approvals;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public List<MasterKeyInfo> masterKeys() {
        String current = store.pointer(false).orElseThrow().masterKeyId();
        List<MasterKeyInfo> keys = new ArrayList<>();
        for (KeyringStore.MasterKeyRow m : store.masterKeys()) {
            String status = m.destroyedAt() != null ? DESTROYED : m.id().equals(current) ? CURRENT : RETIRED;
            keys.add(new MasterKeyInfo(m.id(), status, m.createdAt(), m.retiredAt(), m.destroyedAt(), m.dataKeys(), heldIn(m.id())));
        }
        for (MasterKeyFiles.Held h : files.held()) {
            if (keys.stream().noneMatch(k -> k.id().equals(h.key().id()))) {
                keys.add(new MasterKeyInfo(h.key().id(), STAGED, null, null, null, 0, heldIn(h.key().id())));
            }
        }
        return keys;
    }

    @Override
    public Approval requestRotation(String masterKeyId, String operatorId) {
        if (masterKeyId != null && !MasterKey.ID.matcher(masterKeyId).matches()) {
            throw ApiException.invalid("master_key", "master_key must be the id of a master key: 8 hex digits");
        }
        return tx.execute(s -> {
            String current = store.pointer(true).orElseThrow().masterKeyId();
            approvals.findFor(OBJECT_TYPE, current).filter(a -> Approval.PENDING.equals(a.status())).ifPresent(a -> {
                throw ApiException.conflict("key_rotation_pending", "A rotation of master key " + current + " waits for approval "
                        + a.id() + " already: approve or reject it first.");
            });
            if (masterKeyId != null) {
                target(masterKeyId);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", current);
            details.put("to", masterKeyId == null ? "generated" : masterKeyId);
            details.put("data_keys", store.dataKeysWrappedBy(current));
            return approvals.request(new NewApproval(ROTATE_ACTION, OBJECT_TYPE, current, operatorId, Set.of(OperatorRole.SECURITY), 1, details));
        });
    }

    @Override
    public String action() {
        return ROTATE_ACTION;
    }

    @Override
    public void approved(Approval approval) {
        String to = String.valueOf(approval.details().get("to"));
        rotate(approval.objectId(), "generated".equals(to) ? null : to);
    }

    /** Nothing waits on a rotation: a rejected one just does not happen. */
    @Override
    public void rejected(Approval approval) {
    }

    /**
     * Rotates from the master key {@code from}, which must still be current, to the staged key {@code to} or, when null,
     * to a new key generated into {@code master.keys} (written and synced before the database changes: a key the
     * keyring uses is never one nobody holds). Joins the caller's transaction. Answers the new key's id.
     */
    String rotate(String from, String to) {
        return tx.execute(s -> {
            String current = store.pointer(true).orElseThrow().masterKeyId();
            if (!current.equals(from)) {
                throw ApiException.conflict("master_key_rotated", "The current master key is " + current + ", not " + from
                        + " as when this rotation was asked for: reject it and ask again.");
            }
            MasterKey target = to == null ? files.generate() : target(to);
            Instant now = DbTimes.now(clock);
            store.insertMasterKey(target.id(), now);
            List<KeyringStore.DataKeyRow> rows = store.dataKeys();
            for (KeyringStore.DataKeyRow row : rows) {
                store.rewrap(row.id(), target.id(), target.wrap(plaintext(row)), now);
            }
            store.rotated(from, target.id(), now);
            afterCommit(() -> log.info("Vault: master key rotated from {} to {}: {} data keys wrapped anew; {} can be destroyed now", from,
                    target.id(), rows.size(), from));
            return target.id();
        });
    }

    /** The data key of a row, from memory (it never changes), else unwrapped with the master key that wraps it. */
    private DataKey plaintext(KeyringStore.DataKeyRow row) {
        return vault.keyring().find(row.id()).filter(k -> k.purpose() == row.purpose())
                .orElseGet(() -> files.find(row.masterKeyId())
                        .orElseThrow(() -> ApiException.conflict("master_key_unavailable", "Data key " + row.id() + " is wrapped by master key "
                                + row.masterKeyId() + ", which this node does not hold."))
                        .unwrap(row.id(), row.purpose(), row.wrapped()));
    }

    /** The staged key {@code id}: held by this node and never used by the keyring. */
    private MasterKey target(String id) {
        if (store.masterKey(id).isPresent()) {
            throw ApiException.conflict("master_key_used", "Master key " + id + " has been used by the keyring before: rotate to a new key.");
        }
        return files.find(id).orElseThrow(() -> ApiException.conflict("master_key_unavailable", "This node does not hold master key " + id
                + ": add it to master.keys in the data directory (or HUITONG_MASTER_KEY_NEXT) of every node and restart them first."));
    }

    @Override
    public MasterKeyInfo destroy(String masterKeyId, String operatorId) {
        if (masterKeyId == null || !MasterKey.ID.matcher(masterKeyId).matches()) {
            throw ApiException.notFound("master key", masterKeyId);
        }
        tx.executeWithoutResult(s -> {
            String current = store.pointer(true).orElseThrow().masterKeyId();
            KeyringStore.MasterKeyRow row = store.masterKey(masterKeyId).orElseThrow(() -> ApiException.notFound("master key", masterKeyId));
            if (row.dataKeys() > 0) {
                throw ApiException.conflict("master_key_in_use", row.dataKeys() + " data keys are still wrapped by master key " + masterKeyId
                        + ": rotate to a new master key first.");
            }
            if (current.equals(masterKeyId)) {
                throw ApiException.conflict("master_key_current", "Master key " + masterKeyId + " is the current one: rotate to a new key first.");
            }
            store.destroyed(masterKeyId, DbTimes.now(clock));
        });
        boolean stillHeld = files.remove(masterKeyId);
        if (stillHeld) {
            log.warn("Vault: master key {} destroyed by {}; {} still holds it on this node: remove it from there", masterKeyId, operatorId,
                    heldIn(masterKeyId));
        } else {
            log.info("Vault: master key {} destroyed by {} and removed from this node's key files", masterKeyId, operatorId);
        }
        return masterKeys().stream().filter(k -> k.id().equals(masterKeyId)).findFirst().orElseThrow();
    }

    private List<String> heldIn(String id) {
        return files.sources(id).stream().map(s -> s.label).distinct().toList();
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
