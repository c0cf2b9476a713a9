/**
 * Reconciliation (对账): each channel's statement of a business date (the acquirers' settlement files, the bank's
 * camt.053, the e-CNY and wallet operators' bills) against the ledger. A statement is imported as a stream into the
 * database, matched with our records of the channel and date in SQL, set by set, and what does not match becomes a
 * break, which an operator resolves: an adjustment or a write-off posts a new ledger transfer (a large write-off waits
 * for a second operator), accepting posts nothing. The rules that need neither Spring nor SQL are in {@code domain};
 * the HTTP API is in {@code web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reconciliation",
        allowedDependencies = {"kernel", "ledger", "identity", "approvals", "settlement", "channels"})
package io.huitong.reconciliation;
