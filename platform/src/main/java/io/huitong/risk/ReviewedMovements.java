package io.huitong.risk;

/**
 * What carries out an analyst's verdict on a movement held for review: the module that moves the money
 * (payments for card payments, wallets for transfers). A verdict that cannot be carried out throws, and the
 * case stays open.
 */
public interface ReviewedMovements {

    /** Whether this handles movements of {@code kind} ({@link RiskRequest#kind()}). */
    boolean handles(String kind);

    /** The held movement goes through. */
    void approve(String reference);

    /** The held movement is canceled and its hold released. */
    void reject(String reference);
}
