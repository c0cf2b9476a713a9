package io.huitong.ledger.domain;

import io.huitong.ledger.Transfer;
import io.huitong.ledger.TransferResult;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What applying a batch decided: one result per request, and what to write. {@code overflowedPartialRoom}
 * names the accounts for which a transfer was refused as overflowing a room that was only partial: the
 * caller may give them their whole room and apply the batch again.
 */
public record BatchOutcome(List<TransferResult> results, List<Transfer> transfers, List<EntryLine> entries,
                           Collection<AccountState> changedAccounts, Set<String> overflowedPartialRoom) {
}
