package io.huitong.payments.internal;

import io.huitong.identity.Merchant;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.payments.NewPayment;
import io.huitong.payments.Payment;
import io.huitong.payments.PaymentAnswer;
import io.huitong.payments.RequestKey;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.channel.CardAuthorization;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.domain.Amounts;
import io.huitong.payments.domain.CaptureMethod;
import io.huitong.payments.domain.CardCheck;
import io.huitong.payments.domain.CardDetails;
import io.huitong.payments.domain.CardNumber;
import io.huitong.payments.domain.Failure;
import io.huitong.payments.domain.Intent;
import io.huitong.payments.domain.PaymentMethod;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import io.huitong.payments.domain.Resolution;
import io.huitong.payments.domain.RiskVerdict;
import io.huitong.risk.Assessment;
import io.huitong.risk.RiskDecision;
import io.huitong.vault.Vault;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Card payments: the card's own checks, risk control's decision, then the acquirer. The payment is written before
 * any acquirer hears of it (so that a crash leaves a trace for the resolver); the acquirer's answer is applied under
 * the payment's lock, only if it still waits for it. Approved sales are recorded in shared commits.
 */
class CardFlow {

    private static final Logger log = LoggerFactory.getLogger(CardFlow.class);
    private static final Set<PaymentStatus> PROCESSING = Set.of(PaymentStatus.PROCESSING);

    private final Transitions transitions;
    private final Outcomes outcomes;
    private final ChannelRouter router;
    private final MerchantAccounts accounts;
    private final RiskCheck risk;
    private final MerchantLookup merchants;
    private final PaymentViews views;
    private final Answers answers;
    private final Vault vault;
    private final Clock clock;
    private final Ids ids;
    private final PaymentsProperties properties;
    private final CardCheck cardCheck;
    private final SaleBatches sales;

    CardFlow(Transitions transitions, Outcomes outcomes, ChannelRouter router, MerchantAccounts accounts, RiskCheck risk,
             MerchantLookup merchants, PaymentViews views, Answers answers, Vault vault, Clock clock, Ids ids, PaymentsProperties properties) {
        this.transitions = transitions;
        this.outcomes = outcomes;
        this.router = router;
        this.accounts = accounts;
        this.risk = risk;
        this.merchants = merchants;
        this.views = views;
        this.answers = answers;
        this.vault = vault;
        this.clock = clock;
        this.ids = ids;
        this.properties = properties;
        this.cardCheck = new CardCheck(clock);
        this.sales = new SaleBatches("card sales", transitions, outcomes, risk, clock, new SaleBatches.Late() {
            @Override
            public void afterCommit(PaymentRecord payment, SaleBatches.Sale sale) {
                reverseLate(payment, sale.channel());
            }
        });
    }

    PaymentAnswer create(Merchant merchant, NewPayment request, RequestKey key) {
        Instant now = DbTimes.now(clock);
        String id = ids.next("pay");
        NewPayment.CardInput card = request.paymentMethod().card();
        Intent intent = Answers.intent(request, key);
        CaptureMethod capture = request.manualCapture() ? CaptureMethod.MANUAL : CaptureMethod.AUTOMATIC;
        Amounts amounts = Amounts.of(new io.huitong.kernel.Money(request.amount(), request.currency()));
        CardCheck.Outcome checked = cardCheck.check(card.number(), card.expMonth(), card.expYear(), card.cvc());
        if (checked instanceof CardCheck.Failed failed) {
            Optional<CardNumber> number = CardNumber.parse(card.number());
            PaymentRecord declined = new PaymentRecord(id, merchant.id(), PaymentStatus.FAILED, PaymentMethod.CARD, capture, amounts,
                    new CardDetails(number.map(n -> n.brand().wireName()).orElse(null), number.map(CardNumber::last4).orElse(null),
                            card.expMonth(), card.expYear()), null, null, null, null, new Failure(failed.code(), failed.message()), null,
                    intent, null, now, now, null);
            declined = declined.with(answers.initial(declined, key));
            PaymentRecord stored = transitions.begin(declined, null);
            if (stored != declined) {
                return answers.toEarlier(stored, key);
            }
            throw new PaymentRefused(new io.huitong.payments.Refusal.Declined(io.huitong.payments.Refusal.DeclinedBy.CARD, failed.code(),
                    failed.message(), failed.param(), id));
        }
        CardCheck.Passed passed = (CardCheck.Passed) checked;
        Assessment assessed = risk.assess(id, "card_payment", merchant.id(), null, amounts.requested(), passed.number().reveal(),
                request.riskContext(), null);
        RiskDecision decision = assessed.decision();
        RiskVerdict verdict = RiskCheck.verdict(decision);
        PaymentStatus status = decision.blocked() ? PaymentStatus.FAILED
                : !request.confirm() ? PaymentStatus.REQUIRES_CONFIRMATION
                : verdict.is(RiskVerdict.Decision.CHALLENGE) ? PaymentStatus.REQUIRES_ACTION : PaymentStatus.PROCESSING;
        PaymentRecord payment = new PaymentRecord(id, merchant.id(), status, PaymentMethod.CARD, capture, amounts,
                new CardDetails(passed.number().brand().wireName(), passed.number().last4(), passed.expMonth(), passed.expYear()), null,
                null, decision.blocked() ? null : vault.seal(passed.number().reveal(), id),
                status == PaymentStatus.REQUIRES_ACTION ? outcomes.newToken() : null,
                decision.blocked() ? Failure.riskBlocked() : null, verdict, intent,
                status == PaymentStatus.PROCESSING ? Resolution.at(now.plus(properties.resolver().firstLook())) : null, now, now, null);
        payment = payment.with(answers.initial(payment, key));
        // the decision is written with the payment's next write: with the insert when the request ends there, else
        // with the outcome (a shared commit for a sale)
        boolean answersNow = status != PaymentStatus.PROCESSING;
        PaymentRecord stored = transitions.begin(payment, answersNow ? () -> risk.record(assessed) : null);
        if (stored != payment) {
            return answers.toEarlier(stored, key);
        }
        if (status != PaymentStatus.PROCESSING) {
            return views.fresh(stored);
        }
        return views.fresh(authorize(payment, merchant, passed.number(), card.cvc(), false, assessed));
    }

    /** A card payment confirmed by the merchant: on to the acquirer, or to the payer's step-up if risk control challenged it. */
    Payment confirm(PaymentRecord confirmed, Merchant merchant) {
        return views.answer(confirmed.status() == PaymentStatus.PROCESSING ? authorize(confirmed, merchant, card(confirmed), null, false, null)
                : confirmed);
    }

    /** The payer's answer on the hosted step-up page: on to the acquirer, authenticated, or failed. */
    Payment completeAuthentication(PaymentRecord waiting, boolean passed) {
        Transitions.Result result = transitions.transition(waiting.id(), Set.of(PaymentStatus.REQUIRES_ACTION), current -> {
            Instant now = DbTimes.now(clock);
            if (!passed) {
                return outcomes.failed(current, "authentication_failed", "The payer did not complete authentication.", now);
            }
            return new Transitions.Move.To(current.moved(PaymentStatus.PROCESSING, now).withActionToken(null)
                    .with(Resolution.at(now.plus(properties.resolver().firstLook()))));
        });
        PaymentRecord next = result.payment();
        if (!result.applied() || next.status() != PaymentStatus.PROCESSING) {
            return views.view(next);
        }
        return views.view(authorize(next, merchants.of(next.merchantId()), card(next), null, true, null));
    }

    /**
     * Asks the acquirers to authorize a {@code processing} payment and applies their answer, writing risk control's
     * {@code assessed} decision with it (null: written already).
     */
    private PaymentRecord authorize(PaymentRecord payment, Merchant merchant, CardNumber card, String cvc, boolean authenticated,
                                    Assessment assessed) {
        accounts.open(payment.merchantId(), payment.currency(), PaymentMethod.CARD.wireName());
        // a payment held for review is only authorized: captured when an analyst approves it
        boolean capture = !payment.manualCapture() && !payment.riskReview();
        CardAuthorization request = new CardAuthorization(payment.id(), payment.merchantId(), payment.money(), card,
                payment.card().expMonth(), payment.card().expYear(), cvc, capture, authenticated);
        ChannelRouter.Routed routed = router.authorize(request);
        if (routed.result() instanceof ChannelResult.Approved approved && capture) {
            return sales.record(SaleBatches.Sale.approved(payment.id(), merchant, routed.channel(), approved.authorizationCode(), assessed));
        }
        Transitions.Result result = transitions.inTx(() -> {
            risk.record(assessed);
            return transitions.transition(payment.id(), PROCESSING,
                    current -> outcomes.apply(current, merchant, routed.channel(), routed.result(), DbTimes.now(clock)));
        });
        if (!result.applied() && routed.result() instanceof ChannelResult.Approved) {
            reverseLate(result.payment(), routed.channel());
        }
        return result.payment();
    }

    /**
     * The resolver settled the payment while the acquirer was answering: undo what the acquirer did, unless what the
     * resolver recorded is this very approval (it asked the same acquirer about the same reference).
     */
    private void reverseLate(PaymentRecord current, String channel) {
        if (current.recordsApprovalOf(channel)) {
            log.info("Payment {} was recorded as {} from {}'s approval before its answer came; nothing to undo", current.id(),
                    current.status().wireName(), channel);
            return;
        }
        log.warn("Payment {} was settled as {} before the channel approved it; reversing at {}", current.id(),
                current.status().wireName(), channel);
        router.channel(channel).reverse(current.id());
    }

    private CardNumber card(PaymentRecord payment) {
        return CardNumber.parse(vault.open(payment.sealedAccount(), payment.id()))
                .orElseThrow(() -> new IllegalStateException("payment " + payment.id() + " holds no valid card"));
    }
}
