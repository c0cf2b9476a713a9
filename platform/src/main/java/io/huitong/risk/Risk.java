package io.huitong.risk;

/**
 * The decision on every money movement (see {@link io.huitong.risk.domain.RiskEngine} for how it is made).
 * Every decision is recorded with the movement's reference; dry-run rules' matches are recorded apart.
 */
public interface Risk {

    /** Decides on a movement and writes the decision to the log at once. */
    RiskDecision decide(RiskRequest request);

    /**
     * Decides on a movement as {@link #decide} does (velocity counts it), but writes nothing: the caller writes the
     * assessment with {@link #record} in the transaction of the movement it decided.
     */
    Assessment assess(RiskRequest request);

    /** Writes assessments to the decision log, and their dry-run hits, in the caller's transaction: one batch each. */
    void record(java.util.List<Assessment> assessments);

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
