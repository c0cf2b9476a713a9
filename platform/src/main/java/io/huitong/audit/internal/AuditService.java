package io.huitong.audit.internal;

import io.huitong.audit.AuditEntry;
import io.huitong.audit.AuditLog;
import io.huitong.audit.AuditRecord;
import io.huitong.audit.AuditScope;
import io.huitong.audit.AuditTrail;
import io.huitong.audit.MovedMoney;
import io.huitong.audit.Verification;
import io.huitong.audit.domain.HashAlgorithm;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.vault.Vault;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The audit trail and log over the database. */
final class AuditService implements AuditTrail, AuditLog {

    /** The action of an entry of moved money. */
    static final String MONEY_ACTION = "ledger.transfers";

    private final AuditStore store;
    private final Chainer chainer;
    private final HashAlgorithm algorithm;
    private final JsonMapper json;
    private final Vault vault;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;
    private final AuditVerificationMeters verifications = new AuditVerificationMeters();

    AuditService(AuditStore store, Chainer chainer, HashAlgorithm algorithm, JsonMapper json, Vault vault, TransactionTemplate tx, Clock clock,
                 Ids ids) {
        this.store = store;
        this.chainer = chainer;
        this.algorithm = algorithm;
        this.json = json;
        this.vault = vault;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public void record(AuditRecord record) {
        store.insertPending(DbTimes.now(clock), record, detailJson(record.detail()));
    }

    @Override
    public void recordMoney(List<MovedMoney> transfers) {
        if (transfers.isEmpty()) {
            return;
        }
        AuditScope scope = AuditScope.current();
        MoneyDetail detail = MoneyDetail.of(algorithm, transfers);
        AuditRecord record = new AuditRecord(scope == null ? "system" : scope.actor(), MONEY_ACTION, "ledger_transfer", transfers.getFirst().id(),
                scope == null ? null : scope.ip(), scope == null ? null : scope.requestId(), Map.of());
        store.insertPending(DbTimes.now(clock), record, json.writeValueAsString(detail.toMap()));
    }

    /** Chains what committed so far. */
    void chain() {
        chainer.drain();
    }

    @Override
    public Page<AuditEntry> list(String objectId, String actor, int limit, Long startingAfter, Long endingBefore) {
        chainer.drain();
        return Page.fromRows(store.page(objectId, actor, limit, startingAfter, endingBefore), limit, endingBefore != null);
    }

    @Override
    public Optional<AuditEntry> find(long seq) {
        return store.entry(seq);
    }

    @Override
    public Verification verify() {
        chainer.drain();
        Verification verification = new ChainCheck(store, json, null).run();
        verifications.record(verification, clock.instant());
        return verification;
    }

    /** The outcome of the newest verification, as meters. */
    AuditVerificationMeters verifications() {
        return verifications;
    }

    @Override
    public void seal(LocalDate businessDate) {
        chainer.drain();
        tx.executeWithoutResult(s -> {
            AuditStore.AuditEntryHead head = store.lockHead();
            if (store.sealed(businessDate)) {
                return;
            }
            Instant now = DbTimes.now(clock);
            AuditStore.SealKey key = store.sealKey().orElseGet(() -> {
                AuditStore.SealKey made = SealSigner.newKey(ids.next("ask"), vault);
                store.insertSealKey(made, now);
                return made;
            });
            String signature = SealSigner.sign(key, vault, SealSigner.message(businessDate, head.seq(), head.hash(), algorithm.wireName()));
            store.insertSeal(new AuditStore.StoredSeal(businessDate, head.seq(), head.hash(), algorithm.wireName(), key.id(), signature), now);
        });
    }

    /** When the chain starts on a ledger that already holds transfers, records how many, so that verification accounts for them. */
    void recordBaseline() {
        tx.executeWithoutResult(s -> {
            AuditStore.AuditEntryHead head = store.lockHead();
            if (head.seq() > 0 || store.pendingCount() > 0) {
                return;
            }
            long existing = store.ledgerTransferCount();
            if (existing > 0) {
                record(new AuditRecord("system", ChainCheck.BASELINE_ACTION, null, null, null, null, Map.of("ledger_transfers", existing)));
            }
        });
    }

    private String detailJson(Map<String, Object> detail) {
        String text;
        try {
            text = json.writeValueAsString(detail);
        } catch (JacksonException e) {
            text = json.writeValueAsString(Map.of("unserializable", detail.keySet().stream().map(String::valueOf).toList()));
        }
        if (text.length() <= AuditRecord.MAX_DETAIL) {
            return text;
        }
        Map<String, Object> cut = new LinkedHashMap<>();
        cut.put("truncated", true);
        cut.put("keys", detail.keySet().stream().map(String::valueOf).toList());
        return json.writeValueAsString(cut);
    }
}
