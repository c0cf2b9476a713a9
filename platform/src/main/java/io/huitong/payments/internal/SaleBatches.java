package io.huitong.payments.internal;

import io.huitong.identity.Merchant;
import io.huitong.kernel.GroupCommit;
import io.huitong.risk.Assessment;
import io.huitong.payments.domain.ChannelRef;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records channels' approved sales in shared transactions ({@link GroupCommit}): the sale postings, the
 * {@code succeeded} row, its event and risk control's decision of many payments in one commit. A sale whose payment was
 * settled meanwhile (the resolver got there first) is handed to {@code late}: in the same transaction
 * ({@link Late#inTx}, to record what must be given back) and after it commits ({@link Late#afterCommit}, to undo it at
 * the channel).
 */
class SaleBatches {

    /**
     * A channel's approval of a sale, waiting to be recorded: {@code reference} is the channel's (an authorization
     * code, an order's reference), and {@code onChannel} puts it on the payment as it is when the sale is recorded.
     */
    record Sale(String paymentId, Merchant merchant, String channel, String reference, UnaryOperator<PaymentRecord> onChannel,
                Assessment assessed) {

        /** An acquirer's approval, by its authorization code. */
        static Sale approved(String paymentId, Merchant merchant, String channel, String authorizationCode, Assessment assessed) {
            return new Sale(paymentId, merchant, channel, authorizationCode, p -> p.with(new ChannelRef(channel, authorizationCode)),
                    assessed);
        }
    }

    /** What to do with a sale that came after its payment was settled otherwise. */
    interface Late {

        /** In the transaction that found the payment settled. */
        default void inTx(PaymentRecord payment, Sale sale) {
        }

        /** Once that transaction has committed. */
        default void afterCommit(PaymentRecord payment, Sale sale) {
        }
    }

    private static final Set<PaymentStatus> FROM = Set.of(PaymentStatus.PROCESSING);

    private final Transitions transitions;
    private final Outcomes outcomes;
    private final RiskCheck risk;
    private final Clock clock;
    private final Late late;
    private final GroupCommit<Sale, Transitions.Result> commits;

    SaleBatches(String what, Transitions transitions, Outcomes outcomes, RiskCheck risk, Clock clock, Late late) {
        this.transitions = transitions;
        this.risk = risk;
        this.outcomes = outcomes;
        this.clock = clock;
        this.late = late;
        this.commits = new GroupCommit<>(what, GroupCommit.Writer.of(Sale::paymentId, this::recordAll,
                sale -> recordAll(List.of(sale)).get(sale.paymentId())), 64, 2, 8, TransactionSynchronizationManager::isActualTransactionActive);
    }

    /** Records the sale, alone or with others, or in the caller's transaction if it has one; answers the payment as it now is. */
    PaymentRecord record(Sale sale) {
        Transitions.Result result = commits.submit(sale);
        if (!result.applied()) {
            late.afterCommit(result.payment(), sale);
        }
        return result.payment();
    }

    private Map<String, Transitions.Result> recordAll(List<Sale> batch) {
        Map<String, Transitions.Step> steps = new LinkedHashMap<>();
        Map<String, Sale> byPayment = new LinkedHashMap<>();
        for (Sale sale : batch) {
            byPayment.put(sale.paymentId(), sale);
            steps.put(sale.paymentId(), current -> outcomes.approved(sale.onChannel().apply(current), sale.merchant(),
                    io.huitong.kernel.DbTimes.now(clock)));
        }
        List<Assessment> decisions = batch.stream().map(Sale::assessed).filter(java.util.Objects::nonNull).toList();
        return transitions.inTx(() -> {
            risk.record(decisions);
            Map<String, Transitions.Result> results = transitions.transitionAll(steps, FROM);
            results.forEach((id, result) -> {
                if (!result.applied()) {
                    late.inTx(result.payment(), byPayment.get(id));
                }
            });
            return results;
        });
    }
}
