package io.huitong.payments.internal;

import io.huitong.identity.Merchant;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Money;
import io.huitong.payments.NewPayment;
import io.huitong.payments.Payment;
import io.huitong.payments.PaymentAnswer;
import io.huitong.payments.RequestKey;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.InstantOrderChannel;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderRequest;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.channel.PayerAccount;
import io.huitong.payments.domain.Amounts;
import io.huitong.payments.domain.CaptureMethod;
import io.huitong.payments.domain.ChannelRef;
import io.huitong.payments.domain.Failure;
import io.huitong.payments.domain.OrderDetails;
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
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments by bank transfer, e-CNY, QR code and payment code: an order is opened at a channel, and the payer completes
 * it on their side. The payment is written {@code processing} before the channel is called; the channel's answer moves
 * it on: paid at once → {@code succeeded}; a QR code to show → {@code requires_action} with {@code display_qr}; a payer
 * who confirms in their bank or wallet → stays {@code processing}; refused → {@code failed} (402 {@code payment_error}).
 * What happens to an open order later comes by notification ({@link OrderSettlement}) or the resolver.
 */
class OrderFlow {

    private static final Logger log = LoggerFactory.getLogger(OrderFlow.class);
    private static final Set<PaymentStatus> PROCESSING = Set.of(PaymentStatus.PROCESSING);

    private final Transitions transitions;
    private final Outcomes outcomes;
    private final OrderChannelBook channels;
    private final MerchantAccounts accounts;
    private final GiveBacks giveBacks;
    private final RiskCheck risk;
    private final PaymentViews views;
    private final Answers answers;
    private final Vault vault;
    private final Clock clock;
    private final Ids ids;
    private final PaymentsProperties properties;
    private final PublicAddress address;
    private final SaleBatches sales;
    private final InstantOrders instants;

    OrderFlow(Transitions transitions, Outcomes outcomes, OrderChannelBook channels, MerchantAccounts accounts, GiveBacks giveBacks,
              RiskCheck risk, PaymentViews views, Answers answers, Vault vault, Clock clock, Ids ids, PaymentsProperties properties,
              PublicAddress address) {
        this.transitions = transitions;
        this.outcomes = outcomes;
        this.channels = channels;
        this.accounts = accounts;
        this.giveBacks = giveBacks;
        this.risk = risk;
        this.views = views;
        this.answers = answers;
        this.vault = vault;
        this.clock = clock;
        this.ids = ids;
        this.properties = properties;
        this.address = address;
        this.instants = new InstantOrders(transitions, outcomes, risk, answers, clock);
        this.sales = new SaleBatches("order sales", transitions, outcomes, risk, clock, new SaleBatches.Late() {
            @Override
            public void inTx(PaymentRecord current, SaleBatches.Sale sale) {
                // paid as the order expired: the payer's money goes back, recorded with what found it
                if (current.status() != PaymentStatus.SUCCEEDED) {
                    giveBacks.record(current, sale.channel(), current.money(), sale.reference());
                }
            }
        });
    }

    /** Creates an order payment; with {@code confirm}, opens its order at once. */
    PaymentAnswer create(Merchant merchant, NewPayment request, RequestKey key) {
        Instant now = DbTimes.now(clock);
        String id = ids.next("pay");
        PaymentMethod method = PaymentMethod.fromWire(request.paymentMethod().type()).orElseThrow();
        PayerAccount payer = payer(request.paymentMethod());
        Money amount = new Money(request.amount(), request.currency());
        // a Huitong wallet's payment code: the decision knows the consumer who pays, and their history
        OrderChannel.PayingConsumer consumer = payer == null ? null : channels.consumerOf(method, payer).orElse(null);
        Assessment assessed = risk.assess(id, "order_payment", merchant.id(), consumer == null ? null : consumer.userId(), amount, null,
                request.riskContext(), consumer == null ? null : consumer.since());
        RiskDecision decision = assessed.decision();
        // Order payments have no hold: the payer confirms at their own bank or wallet, which stands for a step-up, so a
        // challenge lets the order open; a review cannot hold the money and blocks like a block.
        boolean blocked = decision.outcome() == RiskDecision.Outcome.BLOCK || decision.outcome() == RiskDecision.Outcome.REVIEW;
        PaymentStatus status = blocked ? PaymentStatus.FAILED : request.confirm() ? PaymentStatus.PROCESSING : PaymentStatus.REQUIRES_CONFIRMATION;
        OrderDetails order = payer == null ? null : new OrderDetails(payer.bankCode(), payer.last4(), payer.accountName(), null, null, null);
        RiskVerdict verdict = RiskCheck.verdict(decision);
        PaymentRecord payment = new PaymentRecord(id, merchant.id(), status, method, CaptureMethod.AUTOMATIC, Amounts.of(amount), null,
                order, null, payer == null || blocked ? null : vault.seal(payer.accountNumber(), id), null,
                blocked ? Failure.riskBlocked() : null, verdict, Answers.intent(request, key),
                status == PaymentStatus.PROCESSING ? Resolution.at(now.plus(properties.resolver().firstLook())) : null, now, now, null);
        payment = payment.with(answers.initial(payment, key));
        List<OrderChannel> candidates = status == PaymentStatus.PROCESSING ? channels.candidates(method, amount) : List.of();
        if (!candidates.isEmpty() && candidates.getFirst() instanceof InstantOrderChannel<?> instant) {
            // a channel in the platform's own database: the payment is written with its debit, in one commit
            accounts.open(merchant.id(), payment.currency(), instant.method());
            PaymentRecord written = instants.pay(payment, merchant, instant, request(payment, merchant, instant, payer, consumer), assessed);
            return written.id().equals(id) ? views.fresh(written) : answers.toEarlier(written, key);
        }
        // the decision is written with the payment's next write: the insert, or the channel's answer to the order
        PaymentRecord stored = transitions.begin(payment, status != PaymentStatus.PROCESSING ? () -> risk.record(assessed) : null);
        if (stored != payment) {
            return answers.toEarlier(stored, key);
        }
        if (status != PaymentStatus.PROCESSING) {
            return views.fresh(stored);
        }
        return views.fresh(open(payment, merchant, assessed, consumer, candidates));
    }

    /** A confirmed order payment: its order is opened now. */
    Payment confirm(PaymentRecord confirmed, Merchant merchant) {
        return views.answer(open(confirmed, merchant, null, null, channels.candidates(confirmed.method(), confirmed.money())));
    }

    private static PayerAccount payer(NewPayment.PaymentMethodInput method) {
        return switch (method.type()) {
            case "bank_transfer" -> new PayerAccount(method.bankTransfer().bankCode(), method.bankTransfer().accountNumber(),
                    method.bankTransfer().accountName());
            case "ecny" -> new PayerAccount(null, method.ecny().walletId(), null);
            case "payment_code" -> new PayerAccount(null, method.paymentCode().code(), null);
            default -> null;
        };
    }

    /** The payer's account of a stored payment, opened from the vault. */
    private PayerAccount payer(PaymentRecord payment) {
        if (payment.sealedAccount() == null) {
            return null;
        }
        return new PayerAccount(payment.order().payerBankCode(), vault.open(payment.sealedAccount(), payment.id()), payment.order().payerName());
    }

    /**
     * Opens the order of a {@code processing} payment at the first of routing's {@code candidates} that takes it, and
     * applies the answer, writing risk control's {@code assessed} decision with it (null: written already). {@code consumer}
     * is the platform's consumer a channel named as the payer when the payment was made, or null.
     */
    private PaymentRecord open(PaymentRecord payment, Merchant merchant, Assessment assessed, OrderChannel.PayingConsumer consumer,
                               List<OrderChannel> candidates) {
        PayerAccount payer = payer(payment);
        for (OrderChannel channel : candidates) {
            accounts.open(payment.merchantId(), payment.currency(), channel.method());
            OrderResult result = channel.open(request(payment, merchant, channel, payer, consumer));
            if (result instanceof OrderResult.Unavailable unavailable) {
                log.warn("Channel {} unavailable for {}: {}; trying the next", channel.name(), payment.id(), unavailable.reason());
                continue;
            }
            return applyOpened(payment.id(), merchant, channel, result, assessed);
        }
        return transitions.inTx(() -> {
            risk.record(assessed);
            return transitions.transition(payment.id(), PROCESSING, current -> outcomes.failed(current, "processing_error",
                    "No channel could take the payment; try again.", DbTimes.now(clock))).payment();
        });
    }

    /** The order of {@code payment} at {@code channel}, which expires after the configured time. */
    OrderRequest request(PaymentRecord payment, Merchant merchant, OrderChannel channel, PayerAccount payer,
                                 OrderChannel.PayingConsumer consumer) {
        return new OrderRequest(payment.id(), payment.merchantId(), merchant.name(), payment.money(), payment.intent().description(),
                payer, DbTimes.now(clock).plus(properties.orderExpiry()), address.notifyUrl(channel.name()), consumer);
    }

    /**
     * Applies a channel's answer to opening an order. An order paid at once is a sale, recorded in a shared commit; paid
     * after its payment was settled otherwise (it expired as the payer paid), it is given back to the payer.
     */
    PaymentRecord applyOpened(String paymentId, Merchant merchant, OrderChannel channel, OrderResult result, Assessment assessed) {
        if (result instanceof OrderResult.Paid paid) {
            return sales.record(new SaleBatches.Sale(paymentId, merchant, channel.name(), paid.channelReference(),
                    current -> current.with(ChannelRef.of(channel.name())).with(current.order().opened(paid.channelReference(), null, null)),
                    assessed));
        }
        return transitions.inTx(() -> {
            risk.record(assessed);
            PaymentRecord current = transitions.lock(paymentId);
            if (current.status() != PaymentStatus.PROCESSING) {
                if (result instanceof OrderResult.Paid paid && current.status() != PaymentStatus.SUCCEEDED) {
                    giveBacks.record(current, channel.name(), current.money(), paid.channelReference());
                }
                return current;
            }
            return transitions.apply(current, opened(current, merchant, channel, result));
        });
    }

    private Transitions.Move opened(PaymentRecord current, Merchant merchant, OrderChannel channel, OrderResult result) {
        Instant now = DbTimes.now(clock);
        OrderDetails order = current.order();
        PaymentRecord onChannel = current.with(ChannelRef.of(channel.name()));
        return switch (result) {
            case OrderResult.Paid paid -> throw new IllegalStateException("a paid order is recorded as a sale");
            case OrderResult.Opened o -> {
                PaymentRecord next = onChannel.with(order.opened(o.channelReference(), o.qrPayload(), o.expiresAt()));
                Resolution look = Resolution.at(lookAt(o.expiresAt(), now));
                yield o.qrPayload() != null ? new Transitions.Move.To(next.moved(PaymentStatus.REQUIRES_ACTION, now).with(look))
                        : new Transitions.Move.Waiting(next.with(look));
            }
            case OrderResult.Declined declined -> outcomes.failed(onChannel, declined.code(), declined.message(), now);
            case OrderResult.Unknown unknown -> outcomes.apply(current.with(order.opened(null, null, now.plus(properties.orderExpiry()))),
                    merchant, channel.name(), new ChannelResult.Unknown(unknown.reason()), now);
            case OrderResult.Unavailable unavailable -> throw new IllegalStateException("an unavailable channel is skipped");
        };
    }

    /** When the resolver next looks at an open order: soon, and never later than its expiry. */
    private Instant lookAt(Instant expiresAt, Instant now) {
        Instant soon = now.plus(properties.resolver().firstLook());
        return expiresAt != null && expiresAt.isBefore(soon) ? expiresAt : soon;
    }
}
