package io.huitong.web.settlement;

import io.huitong.settlement.Settlement;
import io.huitong.settlement.SettlementLine;
import java.time.Instant;
import java.time.LocalDate;

/** A settlement as docs/api.md shows it. */
record SettlementView(String id, String object, String merchant, String run, LocalDate businessDate, String currency, long gross, long fees,
                      long refunds, long adjustments, long net, Fx fx, long carriedForward, String payout, String status, int linesCount,
                      Instant periodStart, Instant periodEnd, Instant createdAt) {

    /** The conversion of a settlement in another currency than its payments': units of {@code currency} per {@code from_currency}. */
    record Fx(String rate, String fromCurrency) {
    }

    static SettlementView of(Settlement s) {
        Fx fx = s.fxRate() == null ? null : new Fx(s.fxRate().toPlainString(), s.sourceCurrency());
        return new SettlementView(s.id(), "settlement", s.merchantId(), s.runId(), s.businessDate(), s.currency(), s.gross(), s.fees(),
                s.refunds(), s.adjustments(), s.net(), fx, s.carriedForward(), s.payoutId(), s.status(), s.linesCount(), s.periodStart(),
                s.periodEnd(), s.createdAt());
    }

    /** One line of a settlement. */
    record Line(String object, String kind, String source, String currency, long gross, long fee, long refund, long adjustment, long net,
                Instant happenedAt) {

        static Line of(SettlementLine l) {
            return new Line("settlement_line", l.kind(), l.objectId(), l.currency(), l.gross(), l.fee(), l.refund(), l.adjustment(), l.net(),
                    l.happenedAt());
        }
    }
}
