package io.huitong.ledger.jdbc;

/** A concurrent writer got there first (duplicate id, deadlock, lock time-out): the batch can be run again. */
final class LedgerConflict extends RuntimeException {

    LedgerConflict(Throwable cause) {
        super("concurrent ledger write", cause, false, false);
    }
}
