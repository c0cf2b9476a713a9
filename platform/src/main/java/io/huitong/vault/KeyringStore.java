package io.huitong.vault;

import io.huitong.kernel.DbTimes;
import io.huitong.vault.domain.DataKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The keyring's tables: master keys (ids and dates only), wrapped data keys, and the one row that says which are current. */
final class KeyringStore {

    /** The keyring's row: the current master key, the sealing data key, the fingerprint data key. */
    record Pointer(String masterKeyId, String sealKeyId, String fingerprintKeyId, Instant rotatedAt) {
    }

    record DataKeyRow(String id, DataKey.Purpose purpose, String masterKeyId, String wrapped, Instant createdAt, Instant rewrappedAt) {
    }

    record MasterKeyRow(String id, Instant createdAt, Instant retiredAt, Instant destroyedAt, int dataKeys) {
    }

    private final JdbcClient jdbc;

    KeyringStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The keyring's row, locked until the transaction ends when {@code lock}; empty before the first start. */
    Optional<Pointer> pointer(boolean lock) {
        return jdbc.sql("select master_key_id, seal_key_id, fingerprint_key_id, rotated_at from vault_keyring where id = 1"
                        + (lock ? " for update" : ""))
                .query((rs, i) -> new Pointer(rs.getString(1), rs.getString(2), rs.getString(3), DbTimes.instant(rs, 4)))
                .optional();
    }

    List<DataKeyRow> dataKeys() {
        return jdbc.sql("select id, purpose, master_key_id, wrapped, created_at, rewrapped_at from vault_data_key order by created_at, id")
                .query((rs, i) -> new DataKeyRow(rs.getString(1), DataKey.Purpose.ofWire(rs.getString(2)).orElseThrow(
                        () -> new IllegalStateException("unknown data key purpose in vault_data_key")), rs.getString(3), rs.getString(4),
                        DbTimes.instant(rs, 5), DbTimes.instant(rs, 6)))
                .list();
    }

    /** Every master key the keyring has used, oldest first, with how many data keys each wraps now. */
    List<MasterKeyRow> masterKeys() {
        return jdbc.sql("""
                        select m.id, m.created_at, m.retired_at, m.destroyed_at,
                               (select count(*) from vault_data_key d where d.master_key_id = m.id)
                        from vault_master_key m order by m.created_at, m.id""")
                .query((rs, i) -> new MasterKeyRow(rs.getString(1), DbTimes.instant(rs, 2), DbTimes.instant(rs, 3), DbTimes.instant(rs, 4),
                        rs.getInt(5)))
                .list();
    }

    Optional<MasterKeyRow> masterKey(String id) {
        return masterKeys().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    void insertMasterKey(String id, Instant now) {
        jdbc.sql("insert into vault_master_key (id, created_at) values (?, ?)").params(id, DbTimes.at(now)).update();
    }

    void insertDataKey(DataKey key, String masterKeyId, String wrapped, Instant now) {
        jdbc.sql("insert into vault_data_key (id, purpose, master_key_id, wrapped, created_at) values (?, ?, ?, ?, ?)")
                .params(key.id(), key.purpose().wireName(), masterKeyId, wrapped, DbTimes.at(now)).update();
    }

    void insertPointer(String masterKeyId, String sealKeyId, String fingerprintKeyId) {
        jdbc.sql("insert into vault_keyring (id, master_key_id, seal_key_id, fingerprint_key_id) values (1, ?, ?, ?)")
                .params(masterKeyId, sealKeyId, fingerprintKeyId).update();
    }

    /** Writes the data key {@code id} wrapped anew, under {@code masterKeyId}. */
    void rewrap(String id, String masterKeyId, String wrapped, Instant now) {
        int updated = jdbc.sql("update vault_data_key set master_key_id = ?, wrapped = ?, rewrapped_at = ? where id = ?")
                .params(masterKeyId, wrapped, DbTimes.at(now), id).update();
        if (updated != 1) {
            throw new IllegalStateException("data key " + id + " is gone");
        }
    }

    /** Makes {@code newId} the current master key and retires {@code oldId}. */
    void rotated(String oldId, String newId, Instant now) {
        jdbc.sql("update vault_master_key set retired_at = ? where id = ?").params(DbTimes.at(now), oldId).update();
        jdbc.sql("update vault_keyring set master_key_id = ?, rotated_at = ? where id = 1").params(newId, DbTimes.at(now)).update();
    }

    int dataKeysWrappedBy(String masterKeyId) {
        return jdbc.sql("select count(*) from vault_data_key where master_key_id = ?").param(masterKeyId).query(Integer.class).single();
    }

    void destroyed(String id, Instant now) {
        jdbc.sql("update vault_master_key set destroyed_at = ? where id = ? and destroyed_at is null").params(DbTimes.at(now), id).update();
    }
}
