package io.huitong.audit.internal;

import io.huitong.audit.AuditEntry;
import io.huitong.audit.MovedMoney;
import io.huitong.audit.Verification;
import io.huitong.audit.domain.ChainVerifier;
import io.huitong.audit.domain.Seal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks the stored chain from its first entry: every entry's link and hash, every ledger transfer a money entry
 * records against the ledger as it is now, every day's seal and its signature, the head, and that the chain and
 * its queue account for every ledger transfer. Used by the API and by the offline {@code audit verify}.
 */
final class ChainCheck {

    static final String BASELINE_ACTION = "audit.baseline";
    private static final int PAGE = 1_000;

    private final AuditStore store;
    private final JsonMapper json;
    private final String pinnedKey;

    /** {@code pinnedKey}: the only seal key to trust (base64 X.509), or null to trust the keys stored with the seals. */
    ChainCheck(AuditStore store, JsonMapper json, String pinnedKey) {
        this.store = store;
        this.json = json;
        this.pinnedKey = pinnedKey;
    }

    Verification run() {
        Map<String, String> keys = store.publicKeys();
        List<Seal> seals = new ArrayList<>();
        for (AuditStore.StoredSeal s : store.seals()) {
            String key = keys.get(s.keyId());
            boolean trusted = key != null && (pinnedKey == null || pinnedKey.equals(key));
            seals.add(s.checked(trusted && SealSigner.verify(key, SealSigner.message(s.businessDate(), s.seq(), s.hash(), s.algorithm()),
                    s.signature())));
        }
        ChainVerifier verifier = new ChainVerifier(seals);
        long recorded = 0;
        String algorithm = null;
        long after = 0;
        while (verifier.intact()) {
            List<AuditEntry> page = store.entriesAfter(after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            Map<Long, MoneyDetail> money = new HashMap<>();
            List<String> ids = new ArrayList<>();
            for (AuditEntry e : page) {
                if (AuditService.MONEY_ACTION.equals(e.action())) {
                    MoneyDetail d = MoneyDetail.parse(json, e.detail());
                    if (d != null) {
                        money.put(e.seq(), d);
                        ids.addAll(d.transfers());
                    }
                }
            }
            Map<String, MovedMoney> ledger = store.transfers(ids);
            for (AuditEntry e : page) {
                MoneyDetail d = money.get(e.seq());
                verifier.accept(e, d == null ? null : d.problem(ledger));
                if (!verifier.intact()) {
                    break;
                }
                recorded += d == null ? baseline(e) : d.transfers().size();
                algorithm = e.algorithm();
            }
            after = page.getLast().seq();
        }
        AuditStore.AuditEntryHead head = store.head().orElse(null);
        verifier.finish(head == null ? null : head.seq(), head == null ? null : head.hash());
        long pending = store.pendingCount();
        for (String detail : store.pendingMoneyDetails()) {
            MoneyDetail d = MoneyDetail.parse(json, detail);
            recorded += d == null ? 0 : d.transfers().size();
        }
        long ledgerTransfers = store.ledgerTransferCount();
        Long brokenAt = verifier.firstBrokenSeq();
        String reason = verifier.reason();
        if (brokenAt == null && recorded != ledgerTransfers) {
            brokenAt = verifier.entries() + 1;
            reason = recorded < ledgerTransfers ? (ledgerTransfers - recorded) + " ledger transfers are on neither the chain nor its queue"
                    : "the chain records " + (recorded - ledgerTransfers) + " more ledger transfers than the ledger holds";
        }
        String sealKey = pinnedKey != null ? pinnedKey : store.sealKey().map(AuditStore.SealKey::publicKey).orElse(null);
        return new Verification(brokenAt == null, verifier.entries(), verifier.head(), algorithm, brokenAt, reason, verifier.brokenSeal(),
                pending, seals.size(), ledgerTransfers, sealKey);
    }

    /** The ledger transfers written before the chain began, as its baseline entry counts them. */
    private long baseline(AuditEntry e) {
        if (!BASELINE_ACTION.equals(e.action())) {
            return 0;
        }
        return json.readTree(e.detail()).path("ledger_transfers").asLong(0);
    }
}
