package io.huitong.ledger.domain;

public enum Direction {
    DEBIT("debit"), CREDIT("credit");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
