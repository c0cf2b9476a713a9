package io.huitong.audit;

import io.huitong.kernel.Page;
import java.util.Optional;

/** Reads and checks the audit chain. */
public interface AuditLog {

    /**
     * Entries newest first, filtered by the object they are about (any id: {@code pay_...}, a ledger transfer's id,
     * {@code mer_...}) and by actor, both optional; {@code startingAfter}/{@code endingBefore} are sequence numbers.
     */
    Page<AuditEntry> list(String objectId, String actor, int limit, Long startingAfter, Long endingBefore);

    Optional<AuditEntry> find(long seq);

    /** Puts every committed pending record on the chain, then walks the whole chain and its seals. */
    Verification verify();

    /** Seals the current head for {@code businessDate} if that day has no seal yet; the seal key is made on first use. */
    void seal(java.time.LocalDate businessDate);
}
