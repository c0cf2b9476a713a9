package io.huitong.reconciliation.domain;

/**
 * A statement line reconciliation can't take although its format allows it (a reference longer than any we send, a
 * control character in one); the message names the line, as the format counts it.
 */
public final class StatementRefusal extends RuntimeException {

    public StatementRefusal(String message) {
        super(message, null, false, false);
    }
}
