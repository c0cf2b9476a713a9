package io.huitong.ledger;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's Java API. Every call that writes runs in one database transaction of its own: a batch
 * of transfers is one transaction, and each transfer in it gets its own result (a failed transfer
 * moves nothing; a failed link fails its whole chain). Calls are idempotent by id: a transfer or
 * account id used again with the same content answers {@link TransferResult.Code#EXISTS} and moves
 * nothing; with different content it answers the {@code EXISTS_WITH_DIFFERENT_*} code of the first
 * field that differs.
 */
public interface Ledger {

    List<AccountResult> createAccounts(List<NewAccount> accounts);

    default AccountResult createAccount(NewAccount account) {
        return createAccounts(List.of(account)).getFirst();
    }

    List<TransferResult> createTransfers(List<TransferRequest> transfers);

    default TransferResult createTransfer(TransferRequest transfer) {
        return createTransfers(List.of(transfer)).getFirst();
    }

    Optional<Account> account(String id);

    List<Account> accounts(List<String> ids);

    Optional<Transfer> transfer(String id);

    /** Accounts, newest first, optionally only those of one owner; cursor is an account id. */
    Page<Account> listAccounts(String ownerRef, PageRequest page);

    /** Transfers touching an account (or all transfers when accountId is null), newest first. */
    Page<Transfer> listTransfers(String accountId, PageRequest page);

    /** The entries of one account, newest first; cursor is an entry id. */
    Page<Entry> listEntries(String accountId, PageRequest page);

    /** The posted entries of several accounts (such as one owner's accounts in each currency), newest first. */
    Page<Entry> listPostedEntries(List<String> accountIds, PageRequest page);

    /** Voids, as expiry, every hold whose timeout has passed; returns how many expired. */
    int expireDueHolds(int max);

    /** Recomputes every balance from the entries themselves and checks the ledger's invariants. */
    LedgerCheck check();
}
