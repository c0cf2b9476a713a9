/**
 * The ledger: the system of record for money. Double-entry accounts with posted and pending totals,
 * immutable transfers with client-chosen ids, two-phase holds (pending, then post, void or expiry),
 * linked transfers that succeed or fail together, and reversals as new compensating transfers.
 *
 * <p>Other modules use only the types in this package: {@link Ledger} and its commands and results.
 * Every batch of transfers is recorded on the audit chain in the transaction that writes it.
 * The domain ({@code domain}) is free of Spring and SQL; the storage adapter ({@code jdbc}) and the
 * HTTP adapter ({@code web}) are internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ledger", allowedDependencies = {"kernel", "audit"})
package io.huitong.ledger;
