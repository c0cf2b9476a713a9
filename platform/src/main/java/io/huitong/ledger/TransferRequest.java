package io.huitong.ledger;

import io.huitong.kernel.Money;

/**
 * A transfer to create. Build one with the factories; {@link #linkedToNext()} chains it to the next
 * transfer of the same batch so that both succeed or neither does.
 *
 * @param amount for POST_PENDING and REVERSAL, null means "all that remains"
 * @param timeoutSeconds for PENDING only: the hold expires after this many seconds (0 = never)
 * @param code a short business code, for example {@code payment_capture}
 * @param reference the business object behind it, for example a payment id
 */
public record TransferRequest(String id, TransferKind kind, String debitAccountId, String creditAccountId,
                              Long amount, String currency, String pendingId, String reversesId,
                              long timeoutSeconds, String code, String reference, boolean linked) {

    public static TransferRequest posted(String id, String debitAccountId, String creditAccountId, Money money) {
        return new TransferRequest(id, TransferKind.POSTED, debitAccountId, creditAccountId, money.amount(), money.currency(),
                null, null, 0, null, null, false);
    }

    public static TransferRequest hold(String id, String debitAccountId, String creditAccountId, Money money, long timeoutSeconds) {
        return new TransferRequest(id, TransferKind.PENDING, debitAccountId, creditAccountId, money.amount(), money.currency(),
                null, null, timeoutSeconds, null, null, false);
    }

    /** Posts the hold {@code pendingId}; {@code amount} null posts all of it. */
    public static TransferRequest post(String id, String pendingId, Long amount) {
        return new TransferRequest(id, TransferKind.POST_PENDING, null, null, amount, null, pendingId, null, 0, null, null, false);
    }

    public static TransferRequest voidHold(String id, String pendingId) {
        return new TransferRequest(id, TransferKind.VOID_PENDING, null, null, null, null, pendingId, null, 0, null, null, false);
    }

    /** Reverses the posted transfer {@code originalId}; {@code amount} null reverses all that is not yet reversed. */
    public static TransferRequest reversal(String id, String originalId, Long amount) {
        return new TransferRequest(id, TransferKind.REVERSAL, null, null, amount, null, null, originalId, 0, null, null, false);
    }

    public TransferRequest linkedToNext() {
        return new TransferRequest(id, kind, debitAccountId, creditAccountId, amount, currency, pendingId, reversesId,
                timeoutSeconds, code, reference, true);
    }

    public TransferRequest withCode(String newCode) {
        return new TransferRequest(id, kind, debitAccountId, creditAccountId, amount, currency, pendingId, reversesId,
                timeoutSeconds, newCode, reference, linked);
    }

    public TransferRequest withReference(String newReference) {
        return new TransferRequest(id, kind, debitAccountId, creditAccountId, amount, currency, pendingId, reversesId,
                timeoutSeconds, code, newReference, linked);
    }
}
