package io.huitong.ledger.domain;

/** A journal line to be written: signed amount on one account's layer and side. */
public record EntryLine(String transferId, String accountId, String currency, Layer layer, Direction direction, long amount) {
}
