package io.huitong.ledger.domain;

public enum Layer {
    POSTED("posted"), PENDING("pending");

    private final String wireName;

    Layer(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
