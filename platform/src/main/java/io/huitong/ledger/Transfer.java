package io.huitong.ledger;

import java.time.Instant;

/** A transfer as recorded: immutable once written. */
public record Transfer(String id, TransferKind kind, String debitAccountId, String creditAccountId, long amount,
                       String currency, String pendingId, String reversesId, Instant expiresAt, String code,
                       String reference, Instant createdAt) {
}
