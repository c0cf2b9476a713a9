package io.huitong.risk;

import java.util.List;
import java.util.Locale;

/**
 * The risk engine's decision on one money movement.
 *
 * @param outcome     what happens to the movement
 * @param score       0 to 100: the fraud model's probability times 100 when a model is loaded, plus the
 *                    scores of the active rules that matched, capped at 100
 * @param reasons     why: the ids of the active rules that matched, and {@code list:TYPE:ACTION} for a list entry
 * @param ruleVersion the version of the rules that decided
 * @param cardFingerprint the card's fingerprint, if the movement is paid by card
 */
public record RiskDecision(Outcome outcome, int score, List<String> reasons, int ruleVersion, String cardFingerprint) {

    public enum Outcome {
        ALLOW, CHALLENGE, REVIEW, BLOCK;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Outcome fromWire(String text) {
            for (Outcome o : values()) {
                if (o.wireName().equals(text)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("no such outcome: " + text);
        }

        /** The stronger of two outcomes: block over review over challenge over allow. */
        public Outcome max(Outcome other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    public static RiskDecision allow(int ruleVersion) {
        return new RiskDecision(Outcome.ALLOW, 0, List.of(), ruleVersion, null);
    }

    public boolean blocked() {
        return outcome == Outcome.BLOCK;
    }
}
