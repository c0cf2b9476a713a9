package io.huitong.ledger;

/** The outcome of one transfer of a batch; {@code transfer} is set for OK and EXISTS. */
public record TransferResult(String id, Code code, Transfer transfer) {

    public enum Code {
        OK,
        EXISTS,
        LINKED_EVENT_FAILED,
        LINKED_EVENT_CHAIN_OPEN,
        ID_INVALID,
        KIND_MISSING,
        AMOUNT_MUST_NOT_BE_ZERO,
        AMOUNT_INVALID,
        CURRENCY_INVALID,
        CODE_INVALID,
        REFERENCE_INVALID,
        TIMEOUT_INVALID,
        DEBIT_ACCOUNT_ID_MISSING,
        CREDIT_ACCOUNT_ID_MISSING,
        ACCOUNTS_MUST_BE_DIFFERENT,
        PENDING_ID_MUST_NOT_BE_SET,
        PENDING_ID_MISSING,
        REVERSES_ID_MUST_NOT_BE_SET,
        REVERSES_ID_MISSING,
        DEBIT_ACCOUNT_NOT_FOUND,
        CREDIT_ACCOUNT_NOT_FOUND,
        ACCOUNT_CURRENCY_MISMATCH,
        PENDING_TRANSFER_NOT_FOUND,
        PENDING_TRANSFER_NOT_PENDING,
        PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID,
        PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID,
        PENDING_TRANSFER_HAS_DIFFERENT_CURRENCY,
        PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT,
        EXCEEDS_PENDING_TRANSFER_AMOUNT,
        PENDING_TRANSFER_ALREADY_POSTED,
        PENDING_TRANSFER_ALREADY_VOIDED,
        PENDING_TRANSFER_EXPIRED,
        REVERSED_TRANSFER_NOT_FOUND,
        REVERSED_TRANSFER_NOT_POSTED,
        EXCEEDS_REVERSIBLE_AMOUNT,
        EXISTS_WITH_DIFFERENT_KIND,
        EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID,
        EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID,
        EXISTS_WITH_DIFFERENT_AMOUNT,
        EXISTS_WITH_DIFFERENT_CURRENCY,
        EXISTS_WITH_DIFFERENT_PENDING_ID,
        EXISTS_WITH_DIFFERENT_REVERSES_ID,
        EXISTS_WITH_DIFFERENT_TIMEOUT,
        EXISTS_WITH_DIFFERENT_CODE,
        EXISTS_WITH_DIFFERENT_REFERENCE,
        OVERFLOWS,
        EXCEEDS_CREDITS,
        EXCEEDS_DEBITS;

        /** Whether the outcome is a refusal because of the state of the money, not the shape of the request. */
        public boolean insufficientFunds() {
            return this == EXCEEDS_CREDITS || this == EXCEEDS_DEBITS;
        }
    }

    public boolean succeeded() {
        return code == Code.OK || code == Code.EXISTS;
    }
}
