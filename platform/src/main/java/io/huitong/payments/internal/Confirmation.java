package io.huitong.payments.internal;

import io.huitong.identity.Merchant;
import io.huitong.kernel.DbTimes;
import io.huitong.payments.Payment;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Refusal;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import io.huitong.payments.domain.Resolution;
import io.huitong.payments.domain.RiskVerdict;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * A merchant confirms a payment created with {@code confirm: false}: it goes on to its acquirer or channel as if
 * confirmed at creation, or, a card payment risk control challenged, to the payer's step-up first.
 */
class Confirmation {

    private final Transitions transitions;
    private final Outcomes outcomes;
    private final CardFlow cards;
    private final OrderFlow orders;
    private final PaymentViews views;
    private final MerchantLookup merchants;
    private final PaymentsProperties properties;
    private final Clock clock;

    Confirmation(Transitions transitions, Outcomes outcomes, CardFlow cards, OrderFlow orders, PaymentViews views, MerchantLookup merchants,
                 PaymentsProperties properties, Clock clock) {
        this.transitions = transitions;
        this.outcomes = outcomes;
        this.cards = cards;
        this.orders = orders;
        this.views = views;
        this.merchants = merchants;
        this.properties = properties;
        this.clock = clock;
    }

    Payment confirm(String merchantId, String paymentId) {
        PaymentRecord payment = views.own(merchantId, paymentId);
        Transitions.Result result = transitions.transition(payment.id(), Set.of(PaymentStatus.REQUIRES_CONFIRMATION), current -> {
            Instant now = DbTimes.now(clock);
            if (current.isCard() && current.risk() != null && current.risk().is(RiskVerdict.Decision.CHALLENGE)) {
                return new Transitions.Move.To(current.moved(PaymentStatus.REQUIRES_ACTION, now).withActionToken(outcomes.newToken()));
            }
            return new Transitions.Move.To(current.moved(PaymentStatus.PROCESSING, now)
                    .with(Resolution.at(now.plus(properties.resolver().firstLook()))));
        });
        PaymentRecord confirmed = result.payment();
        if (!result.applied()) {
            throw new PaymentRefused(Refusal.WrongState.payment(confirmed.status().wireName(), "confirmed"));
        }
        Merchant merchant = merchants.of(merchantId);
        return confirmed.isCard() ? cards.confirm(confirmed, merchant) : orders.confirm(confirmed, merchant);
    }
}
