package io.huitong.audit;

/**
 * One ledger transfer as the audit chain keeps it: the fields that say what money moved where. The chain
 * stores a digest of a group of them, so that verification finds a transfer changed after it was chained.
 */
public record MovedMoney(String id, String kind, String debitAccountId, String creditAccountId, long amount, String currency,
                         String pendingId, String reversesId, String code, String reference) {
}
