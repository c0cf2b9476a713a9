package io.huitong.audit.domain;

import io.huitong.audit.AuditEntry;
import io.huitong.audit.MovedMoney;
import io.huitong.kernel.DbTimes;
import java.time.Instant;
import java.util.List;

/** How entries are hashed and linked, and how a group of ledger transfers is digested. Pure functions. */
public final class Chain {

    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private Chain() {
    }

    /** The hash of an entry with these fields after {@code prevHash}, under {@code algorithm}. */
    public static String hash(HashAlgorithm algorithm, long seq, String prevHash, Instant at, String actor, String action,
                              String objectType, String objectId, String ip, String requestId, String detail) {
        return new Canonical(algorithm).text(algorithm.wireName()).number(seq).text(prevHash).number(DbTimes.micros(at)).text(actor)
                .text(action).text(objectType).text(objectId).text(ip).text(requestId).text(detail).hex();
    }

    /** The hash {@code entry} should have, from its own fields (its stored {@code hash} aside). */
    public static String expectedHash(AuditEntry entry, HashAlgorithm algorithm) {
        return hash(algorithm, entry.seq(), entry.prevHash(), entry.at(), entry.actor(), entry.action(), entry.objectType(),
                entry.objectId(), entry.ip(), entry.requestId(), entry.detail());
    }

    /** The digest of these transfers in this order: what an entry of moved money keeps of them. */
    public static String digest(HashAlgorithm algorithm, List<MovedMoney> transfers) {
        Canonical c = new Canonical(algorithm).number(transfers.size());
        for (MovedMoney t : transfers) {
            c.text(t.id()).text(t.kind()).text(t.debitAccountId()).text(t.creditAccountId()).number(t.amount()).text(t.currency())
                    .text(t.pendingId()).text(t.reversesId()).text(t.code()).text(t.reference());
        }
        return c.hex();
    }
}
