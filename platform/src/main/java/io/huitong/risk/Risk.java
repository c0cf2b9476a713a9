package io.huitong.risk;

/**
 * The decision on every money movement (see {@link io.huitong.risk.domain.RiskEngine} for how it is made).
 * Every decision is recorded with the movement's reference; dry-run rules' matches are recorded apart.
 */
public interface Risk {

    RiskDecision decide(RiskRequest request);

    /** The fingerprint lists and velocity know a card by: never the number. */
    String cardFingerprint(String cardNumber);

    /** The fingerprint of the card a decided movement ({@code reference}) was paid with, from the decision log. */
    java.util.Optional<String> cardFingerprintOf(String reference);

    /**
     * Opens a review case for a movement held for review ({@link RiskDecision.Outcome#REVIEW}): an analyst then
     * approves or rejects it, and the {@link ReviewedMovements} of its kind carries that out. Runs in the
     * caller's transaction, if any.
     */
    void openReview(RiskRequest request, RiskDecision decision);
}
