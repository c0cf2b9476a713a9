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
import java.util.function.Consumer;

/**
 * Records acquirers' approved sales in shared transactions ({@link GroupCommit}): the sale postings, the
 * {@code succeeded} row, its event and risk control's decision of many payments in one commit. A sale whose payment was settled meanwhile
 * (the resolver got there first) is handed to {@code late}, which undoes it at the channel.
 */
class SaleBatches {

    /** A channel's approval of a sale, waiting to be recorded. */
    record Sale(String paymentId, Merchant merchant, String channel, String authorizationCode, Assessment assessed) {
    }

    private static final Set<PaymentStatus> FROM = Set.of(PaymentStatus.PROCESSING);

    private final Transitions transitions;
    private final Outcomes outcomes;
    private final RiskCheck risk;
    private final Clock clock;
    private final Consumer<Late> late;
    private final GroupCommit<Sale, Transitions.Result> commits;

    /** A sale that came after its payment was settled otherwise. */
    record Late(PaymentRecord payment, String channel) {
    }

    SaleBatches(Transitions transitions, Outcomes outcomes, RiskCheck risk, Clock clock, Consumer<Late> late) {
        this.transitions = transitions;
        this.risk = risk;
        this.outcomes = outcomes;
        this.clock = clock;
        this.late = late;
        this.commits = new GroupCommit<>("sales", new GroupCommit.Writer<>() {
            @Override
            public String key(Sale sale) {
                return sale.paymentId();
            }

            @Override
            public Map<String, Transitions.Result> writeAll(List<Sale> batch) {
                return recordAll(batch);
            }

            @Override
            public Transitions.Result writeOne(Sale sale) {
                return recordAll(List.of(sale)).get(sale.paymentId());
            }
        }, 64);
    }

    /** Records the sale, alone or with others; answers the payment as it now is. */
    PaymentRecord record(Sale sale) {
        Transitions.Result result = commits.submit(sale);
        if (!result.applied()) {
            late.accept(new Late(result.payment(), sale.channel()));
        }
        return result.payment();
    }

    private Map<String, Transitions.Result> recordAll(List<Sale> batch) {
        Map<String, Transitions.Step> steps = new LinkedHashMap<>();
        for (Sale sale : batch) {
            steps.put(sale.paymentId(), current -> outcomes.approved(current.with(new ChannelRef(sale.channel(), sale.authorizationCode())),
                    sale.merchant(), io.huitong.kernel.DbTimes.now(clock)));
        }
        List<Assessment> decisions = batch.stream().map(Sale::assessed).filter(java.util.Objects::nonNull).toList();
        return transitions.inTx(() -> {
            risk.record(decisions);
            return transitions.transitionAll(steps, FROM);
        });
    }
}
