package io.huitong.payments.domain;

import java.util.List;
import java.util.Optional;

/** Risk control's decision on a payment as the payment keeps it: the decision, the score (0 to 100) and the reasons. */
public record RiskVerdict(Decision decision, int score, List<String> reasons) {

    public enum Decision {
        ALLOW, CHALLENGE, REVIEW, BLOCK;

        private final String wireName = WireNames.of(this);

        public String wireName() {
            return wireName;
        }

        public static Optional<Decision> fromWire(String text) {
            return WireNames.parse(Decision.class, text);
        }
    }

    public RiskVerdict {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public boolean is(Decision d) {
        return decision == d;
    }
}
