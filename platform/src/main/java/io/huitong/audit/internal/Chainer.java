package io.huitong.audit.internal;

import io.huitong.audit.AuditEntry;
import io.huitong.audit.domain.Chain;
import io.huitong.audit.domain.HashAlgorithm;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves committed records from the queue onto the chain, oldest first: the next sequence number, the hash of
 * the entry before, its own hash. Holds the head's row lock while it does, so that any number of nodes may run
 * it and the chain still grows one entry after the other.
 */
final class Chainer {

    private final AuditStore store;
    private final TransactionTemplate tx;
    private final HashAlgorithm algorithm;
    private final JsonMapper json;
    private final int batch;

    Chainer(AuditStore store, TransactionTemplate tx, HashAlgorithm algorithm, JsonMapper json, int batch) {
        this.store = store;
        this.tx = tx;
        this.algorithm = algorithm;
        this.json = json;
        this.batch = batch;
    }

    /** Chains up to one batch; how many records it chained. */
    int chainOnce() {
        Integer chained = tx.execute(s -> {
            AuditStore.AuditEntryHead head = store.lockHead();
            List<AuditStore.Pending> pending = store.pending(batch);
            if (pending.isEmpty()) {
                return 0;
            }
            List<AuditEntry> entries = new ArrayList<>(pending.size());
            List<Object[]> objects = new ArrayList<>();
            List<Long> ids = new ArrayList<>(pending.size());
            long seq = head.seq();
            String prev = head.hash();
            for (AuditStore.Pending p : pending) {
                seq++;
                String hash = Chain.hash(algorithm, seq, prev, p.at(), p.actor(), p.action(), p.objectType(), p.objectId(), p.ip(), p.requestId(),
                        p.detail());
                entries.add(new AuditEntry(seq, p.at(), p.actor(), p.action(), p.objectType(), p.objectId(), p.ip(), p.requestId(), p.detail(),
                        algorithm.wireName(), prev, hash));
                for (String object : objects(p)) {
                    objects.add(new Object[] {object, seq});
                }
                ids.add(p.id());
                prev = hash;
            }
            store.chain(entries, objects, ids);
            return pending.size();
        });
        return chained == null ? 0 : chained;
    }

    /** Chains until the queue is empty (as of the last batch). */
    void drain() {
        while (chainOnce() >= batch) {
            // next batch
        }
    }

    /** Every id the entry is about, for lookups by object. */
    private Set<String> objects(AuditStore.Pending p) {
        Set<String> out = new LinkedHashSet<>();
        if (p.objectId() != null) {
            out.add(p.objectId());
        }
        if (AuditService.MONEY_ACTION.equals(p.action())) {
            MoneyDetail d = MoneyDetail.parse(json, p.detail());
            if (d != null) {
                d.transfers().stream().filter(id -> id.length() <= 128).forEach(out::add);
                d.references().stream().filter(id -> id.length() <= 128).forEach(out::add);
            }
        }
        return out;
    }
}
