package io.huitong.payments.internal;

import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Money;
import io.huitong.payments.domain.RiskVerdict;
import io.huitong.risk.Assessment;
import io.huitong.risk.Risk;
import io.huitong.risk.RiskContext;
import io.huitong.risk.RiskDecision;
import io.huitong.risk.RiskRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Asks risk control about a payment about to be made, and keeps its decision as the payment shows it. */
class RiskCheck {

    private final Risk risk;
    private final Clock clock;

    RiskCheck(Risk risk, Clock clock) {
        this.risk = risk;
        this.clock = clock;
    }

    /**
     * Risk control's decision on payment {@code id}, not yet stored, by a payer known since {@code payerSince} (or null).
     * Nothing is written yet: {@link #record} writes it with the payment's next write, in that transaction.
     */
    Assessment assess(String id, String kind, String merchantId, String userId, Money amount, String cardNumber, RiskContext context,
                      Instant payerSince) {
        return risk.assess(new RiskRequest(id, kind, merchantId, userId, amount.amount(), amount.currency(), cardNumber, context,
                DbTimes.now(clock), payerSince));
    }

    /** Writes one assessment (or nothing, if null: it was written already) to the decision log, in the caller's transaction. */
    void record(Assessment assessed) {
        if (assessed != null) {
            risk.record(List.of(assessed));
        }
    }

    /** Writes the assessments (none is null) to risk control's decision log, in the caller's transaction. */
    void record(List<Assessment> assessments) {
        if (!assessments.isEmpty()) {
            risk.record(assessments);
        }
    }

    static RiskVerdict verdict(RiskDecision decision) {
        return new RiskVerdict(RiskVerdict.Decision.fromWire(decision.outcome().wireName()).orElseThrow(), decision.score(),
                decision.reasons());
    }
}
