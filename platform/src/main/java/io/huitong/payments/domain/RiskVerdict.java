package io.huitong.payments.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Risk control's decision on a payment as the payment keeps it: the decision, the score (0 to 100) and the reasons. */
public record RiskVerdict(Decision decision, int score, List<String> reasons) {

    public enum Decision {
        ALLOW, CHALLENGE, REVIEW, BLOCK;

        private final String wireName = name().toLowerCase(Locale.ROOT);

        public String wireName() {
            return wireName;
        }

        public static Optional<Decision> fromWire(String text) {
            for (Decision d : values()) {
                if (d.wireName.equals(text)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    public RiskVerdict {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public boolean is(Decision d) {
        return decision == d;
    }
}
