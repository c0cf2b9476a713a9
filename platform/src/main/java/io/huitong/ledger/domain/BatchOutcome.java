package io.huitong.ledger.domain;

import io.huitong.ledger.Transfer;
import io.huitong.ledger.TransferResult;
import java.util.Collection;
import java.util.List;

/** What applying a batch decided: one result per request, and what to write. */
public record BatchOutcome(List<TransferResult> results, List<Transfer> transfers, List<EntryLine> entries,
                           Collection<AccountState> changedAccounts) {
}
