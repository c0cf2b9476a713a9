package io.huitong.ledger.jdbc;

/**
 * A concurrent writer got there first (duplicate id, deadlock, lock time-out), or a row written without a
 * lock could not take its change: the batch can be run again, with locks.
 */
final class LedgerConflict extends RuntimeException {

    LedgerConflict(Throwable cause) {
        super("concurrent ledger write", cause, false, false);
    }

    LedgerConflict(String message) {
        super(message, null, false, false);
    }
}
