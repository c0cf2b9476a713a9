package io.huitong.audit.internal;

import io.huitong.audit.AuditEntry;
import io.huitong.audit.AuditRecord;
import io.huitong.audit.MovedMoney;
import io.huitong.audit.domain.Seal;
import io.huitong.kernel.DbTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit tables. Entries and seals are only ever inserted; the queue's rows are deleted as they are chained. */
final class AuditStore {

    static final String ENTRY_COLUMNS = "seq, at, actor, action, object_type, object_id, ip, request_id, detail, algorithm, prev_hash, hash";
    private static final String PENDING_COLUMNS = "id, at, actor, action, object_type, object_id, ip, request_id, detail";

    /** A committed record waiting for the chain. */
    record Pending(long id, Instant at, String actor, String action, String objectType, String objectId, String ip, String requestId,
                   String detail) {
    }

    /** The signing key of seals: its public half and the sealed private half. */
    record SealKey(String id, String publicKey, String privateKeySealed) {
    }

    /** A stored seal, before its signature is checked. */
    record StoredSeal(LocalDate businessDate, long seq, String hash, String algorithm, String keyId, String signature) {

        Seal checked(boolean signatureValid) {
            return new Seal(businessDate, seq, hash, signatureValid);
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    AuditStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insertPending(Instant at, AuditRecord r, String detail) {
        jdbc.sql("insert into audit_pending (at, actor, action, object_type, object_id, ip, request_id, detail) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(DbTimes.at(at), r.actor(), r.action(), r.objectType(), r.objectId(), r.ip(), r.requestId(), detail).update();
    }

    /** The head, locked until the end of the transaction: one chainer at a time, on any number of nodes. */
    AuditEntryHead lockHead() {
        return jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query((rs, n) -> new AuditEntryHead(rs.getLong(1), rs.getString(2))).single();
    }

    Optional<AuditEntryHead> head() {
        return jdbc.sql("select seq, hash from audit_head where id = 1").query((rs, n) -> new AuditEntryHead(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    record AuditEntryHead(long seq, String hash) {
    }

    List<Pending> pending(int limit) {
        return jdbc.sql("select " + PENDING_COLUMNS + " from audit_pending order by id limit ?").param(limit)
                .query((rs, n) -> new Pending(rs.getLong(1), DbTimes.instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
                .list();
    }

    long pendingCount() {
        return jdbc.sql("select count(*) from audit_pending").query(Long.class).single();
    }

    /** The detail of every pending record of moved money. */
    List<String> pendingMoneyDetails() {
        return jdbc.sql("select detail from audit_pending where action = ?").param(AuditService.MONEY_ACTION).query(String.class).list();
    }

    void chain(List<AuditEntry> entries, List<Object[]> objects, List<Long> chainedPendingIds) {
        template.batchUpdate("insert into audit_entry (" + ENTRY_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entries.stream().map(e -> new Object[] {e.seq(), DbTimes.at(e.at()), e.actor(), e.action(), e.objectType(), e.objectId(), e.ip(),
                        e.requestId(), e.detail(), e.algorithm(), e.prevHash(), e.hash()}).toList());
        if (!objects.isEmpty()) {
            template.batchUpdate("insert into audit_object (object_id, seq) values (?, ?)", objects);
        }
        template.batchUpdate("delete from audit_pending where id = ?", chainedPendingIds.stream().map(id -> new Object[] {id}).toList());
        AuditEntry last = entries.getLast();
        jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1").params(last.seq(), last.hash()).update();
    }

    /** Entries after {@code afterSeq}, oldest first. */
    List<AuditEntry> entriesAfter(long afterSeq, int limit) {
        return jdbc.sql("select " + ENTRY_COLUMNS + " from audit_entry where seq > ? order by seq limit ?").params(afterSeq, limit)
                .query(AuditStore::entry).list();
    }

    Optional<AuditEntry> entry(long seq) {
        return jdbc.sql("select " + ENTRY_COLUMNS + " from audit_entry where seq = ?").param(seq).query(AuditStore::entry).optional();
    }

    /** A page of entries newest first, by sequence number; one more row than {@code limit} tells whether there is more. */
    List<AuditEntry> page(String objectId, String actor, int limit, Long startingAfter, Long endingBefore) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String from = "audit_entry e";
        if (objectId != null) {
            from = "audit_object o join audit_entry e on e.seq = o.seq";
            conditions.add("o.object_id = ?");
            params.add(objectId);
        }
        if (actor != null) {
            conditions.add("e.actor = ?");
            params.add(actor);
        }
        if (startingAfter != null) {
            conditions.add("e.seq < ?");
            params.add(startingAfter);
        }
        if (endingBefore != null) {
            conditions.add("e.seq > ?");
            params.add(endingBefore);
        }
        params.add(limit + 1);
        String columns = "e." + ENTRY_COLUMNS.replace(", ", ", e.");
        return jdbc.sql("select " + columns + " from " + from + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                + " order by e.seq " + (endingBefore != null ? "asc" : "desc") + " limit ?").params(params).query(AuditStore::entry).list();
    }

    /** The ledger transfers with these ids, as the chain digests them. */
    Map<String, MovedMoney> transfers(Collection<String> ids) {
        Map<String, MovedMoney> out = new HashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> part = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
            jdbc.sql("select id, kind, debit_account_id, credit_account_id, amount, currency, pending_id, reverses_id, code, reference"
                            + " from ledger_transfer where id in (" + marks + ")").params(new ArrayList<Object>(part))
                    .query((rs, n) -> new MovedMoney(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getString(6).strip(), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)))
                    .list().forEach(t -> out.put(t.id(), t));
        }
        return out;
    }

    long ledgerTransferCount() {
        return jdbc.sql("select count(*) from ledger_transfer").query(Long.class).single();
    }

    Optional<SealKey> sealKey() {
        return jdbc.sql("select id, public_key, private_key_sealed from audit_seal_key order by created_at desc, id desc limit 1")
                .query((rs, n) -> new SealKey(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    Map<String, String> publicKeys() {
        Map<String, String> out = new HashMap<>();
        jdbc.sql("select id, public_key from audit_seal_key").query((ResultSet rs) -> {
            out.put(rs.getString(1), rs.getString(2));
        });
        return out;
    }

    void insertSealKey(SealKey key, Instant at) {
        jdbc.sql("insert into audit_seal_key (id, public_key, private_key_sealed, created_at) values (?, ?, ?, ?)")
                .params(key.id(), key.publicKey(), key.privateKeySealed(), DbTimes.at(at)).update();
    }

    boolean sealed(LocalDate date) {
        return jdbc.sql("select count(*) from audit_seal where business_date = ?").param(date).query(Long.class).single() > 0;
    }

    void insertSeal(StoredSeal seal, Instant at) {
        jdbc.sql("insert into audit_seal (business_date, seq, hash, algorithm, key_id, signature, signed_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(seal.businessDate(), seal.seq(), seal.hash(), seal.algorithm(), seal.keyId(), seal.signature(), DbTimes.at(at)).update();
    }

    List<StoredSeal> seals() {
        return jdbc.sql("select business_date, seq, hash, algorithm, key_id, signature from audit_seal order by business_date")
                .query((rs, n) -> new StoredSeal(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    private static AuditEntry entry(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(rs.getLong(1), DbTimes.instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12));
    }
}
