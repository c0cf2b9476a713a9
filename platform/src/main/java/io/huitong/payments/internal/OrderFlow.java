package io.huitong.payments.internal;

import io.huitong.events.EventLog;
import io.huitong.identity.Merchant;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.Money;
import io.huitong.payments.NewPayment;
import io.huitong.payments.Payment;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.OrderChannel;
import io.huitong.payments.channel.OrderChannels;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.payments.channel.OrderRequest;
import io.huitong.payments.channel.OrderResult;
import io.huitong.payments.channel.OrderStatus;
import io.huitong.payments.channel.PayerAccount;
import io.huitong.payments.domain.PaymentStatus;
import io.huitong.risk.RiskDecision;
import io.huitong.vault.Vault;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments by bank transfer, e-CNY and wallet-operator QR code: an order is opened at a channel, and the
 * payer completes it on their side. The payment is written {@code processing} before the channel is
 * called; the channel's answer moves it on:
 * <ul>
 *   <li>paid at once (a bank transfer settled synchronously): {@code succeeded};</li>
 *   <li>an order with a QR code to show: {@code requires_action} with a {@code display_qr} next action;</li>
 *   <li>an order the payer confirms in their bank or wallet: stays {@code processing};</li>
 *   <li>refused: {@code failed}, answered with a 402 {@code payment_error}.</li>
 * </ul>
 * The outcome of an open order arrives by the channel's signed notification ({@link #notify}), or the
 * resolver asks for it ({@link #resolve}); an order still unpaid at its expiry is closed at the channel and
 * the payment fails. Each change is applied under the payment's row lock, once, with its ledger postings.
 */
class OrderFlow implements OrderNotifications {

    private static final Logger log = LoggerFactory.getLogger(OrderFlow.class);

    private final PaymentEngine engine;
    private final PaymentStore store;
    private final MerchantAccounts accounts;
    private final EventLog events;
    private final Vault vault;
    private final Supplier<OrderChannels> channels;
    private final PaymentsProperties properties;

    OrderFlow(PaymentEngine engine, PaymentStore store, MerchantAccounts accounts, EventLog events, Vault vault,
              Supplier<OrderChannels> channels, PaymentsProperties properties) {
        this.engine = engine;
        this.store = store;
        this.accounts = accounts;
        this.events = events;
        this.vault = vault;
        this.channels = channels;
        this.properties = properties;
    }

    // ---- creating and confirming ----

    /** Creates an order payment; with {@code confirm}, opens its order at once. */
    Payment create(Merchant merchant, String id, NewPayment request, String idempotencyKey, Instant now) {
        NewPayment.PaymentMethodInput method = request.paymentMethod();
        PayerAccount payer = payer(method);
        PaymentRow.OrderInfo info = payer == null ? null
                : new PaymentRow.OrderInfo(payer.bankCode(), payer.last4(), payer.accountName(), null, null, null);
        // Order payments have no hold: the payer confirms at their own bank or wallet, which stands for a step-up, so a
        // challenge lets the order open; a review cannot hold the money and blocks like a block.
        // a Huitong wallet's payment code: the decision knows the consumer who pays, and their history (asked of the
        // method's channels as they are, not ranked: routing ranks them when the order opens)
        OrderChannel.PayingConsumer consumer = payer == null ? null : channels.get().all().stream()
                .filter(c -> c.method().equals(method.type())).map(c -> c.consumerOf(payer)).flatMap(java.util.Optional::stream)
                .findFirst().orElse(null);
        RiskDecision decision = engine.decide(id, "order_payment", merchant.id(), consumer == null ? null : consumer.userId(),
                request.amount(), request.currency(), null, request.riskContext(), consumer == null ? null : consumer.since());
        boolean blocked = decision.outcome() == RiskDecision.Outcome.BLOCK || decision.outcome() == RiskDecision.Outcome.REVIEW;
        PaymentStatus status = blocked ? PaymentStatus.FAILED
                : request.confirm() ? PaymentStatus.PROCESSING : PaymentStatus.REQUIRES_CONFIRMATION;
        PaymentRow row = new PaymentRow(id, merchant.id(), request.amount(), request.currency(), status, request.captureMethod(), 0, 0,
                0, 0, method.type(), null, null, null, null, payer == null || blocked ? null : vault.seal(payer.accountNumber(), id), null,
                null, null, blocked ? PaymentEngine.RISK_BLOCKED : null, blocked ? "Risk control blocked this payment." : null,
                request.description(), request.metadata(), idempotencyKey,
                status == PaymentStatus.PROCESSING ? now.plus(engine.resolver().firstLook()) : null, 0, now, now, info,
                PaymentEngine.riskInfo(decision));
        PaymentRow stored = engine.insertOrEarlier(row, blocked ? () -> engine.inTx(() -> {
            store.insert(row);
            events.record(row.merchantId(), "payment.failed", engine.view(row));
            return null;
        }) : () -> store.insert(row));
        if (stored != row || !request.confirm() || blocked) {
            return engine.answer(stored);
        }
        return engine.answer(open(row, merchant));
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
    private PayerAccount payer(PaymentRow row) {
        if (row.cardSealed() == null) {
            return null;
        }
        PaymentRow.OrderInfo info = row.orderOrEmpty();
        return new PayerAccount(info.payerBankCode(), vault.open(row.cardSealed(), row.id()), info.payerName());
    }

    /** Opens the order of a {@code processing} payment at the first channel that takes it, and applies the answer. */
    PaymentRow open(PaymentRow row, Merchant merchant) {
        accounts.open(row.merchantId(), row.currency(), row.methodType());
        Money amount = new Money(row.amount(), row.currency());
        Instant expiresAt = engine.now().plus(properties.orderExpiry());
        PayerAccount payer = payer(row);
        for (OrderChannel channel : channels.get().candidates(row.methodType(), amount)) {
            OrderRequest request = new OrderRequest(row.id(), row.merchantId(), merchant.name(), amount, row.description(), payer,
                    expiresAt, engine.publicUrl() + "/notify/" + channel.name());
            OrderResult result = channel.open(request);
            if (result instanceof OrderResult.Unavailable unavailable) {
                log.warn("Channel {} unavailable for {}: {}; trying the next", channel.name(), row.id(), unavailable.reason());
                continue;
            }
            return applyOpened(row.id(), merchant, channel, amount, result);
        }
        return engine.inTx(() -> {
            PaymentRow current = store.lockPayment(row.id()).orElseThrow();
            if (current.status() != PaymentStatus.PROCESSING) {
                return current;
            }
            return engine.fail(current, "processing_error", "No channel could take the payment; try again.", engine.now());
        });
    }

    private PaymentRow applyOpened(String paymentId, Merchant merchant, OrderChannel channel, Money amount, OrderResult result) {
        boolean[] late = {false};
        PaymentRow applied = engine.inTx(() -> {
            PaymentRow current = store.lockPayment(paymentId).orElseThrow();
            if (current.status() != PaymentStatus.PROCESSING) {
                late[0] = result instanceof OrderResult.Paid && current.status() != PaymentStatus.SUCCEEDED;
                return current;
            }
            Instant now = engine.now();
            PaymentRow.OrderInfo info = current.orderOrEmpty();
            return switch (result) {
                case OrderResult.Paid paid -> paid(current.withOrder(info.opened(paid.channelReference(), null, null)), merchant,
                        channel.name(), paid.channelReference(), now);
                case OrderResult.Opened opened -> {
                    PaymentRow next = current.withChannel(channel.name(), null)
                            .withOrder(info.opened(opened.channelReference(), opened.qrPayload(), opened.expiresAt()));
                    if (opened.qrPayload() != null) {
                        next = next.moved(PaymentStatus.REQUIRES_ACTION, now).resolveAt(lookAt(opened.expiresAt(), now), 0);
                        store.update(next);
                        events.record(next.merchantId(), "payment.requires_action", engine.view(next));
                    } else {
                        next = next.resolveAt(lookAt(opened.expiresAt(), now), 0);
                        store.update(next);
                    }
                    yield next;
                }
                case OrderResult.Declined declined ->
                        engine.fail(current.withChannel(channel.name(), null), declined.code(), declined.message(), now);
                case OrderResult.Unknown unknown ->
                        engine.apply(current.withOrder(info.opened(null, null, now.plus(properties.orderExpiry()))), merchant,
                                channel.name(), new ChannelResult.Unknown(unknown.reason()));
                case OrderResult.Unavailable unavailable -> throw new IllegalStateException("an unavailable channel is skipped");
            };
        });
        if (late[0]) {
            giveBack(applied, channel, amount);
        }
        return applied;
    }

    /** When the resolver next looks at an open order: soon, and never later than its expiry. */
    private Instant lookAt(Instant expiresAt, Instant now) {
        Instant soon = now.plus(engine.resolver().firstLook());
        return expiresAt != null && expiresAt.isBefore(soon) ? expiresAt : soon;
    }

    /** Records a paid order: the payment succeeds, with its sale and fee postings. Runs under the payment's lock. */
    private PaymentRow paid(PaymentRow current, Merchant merchant, String channel, String channelReference, Instant now) {
        PaymentRow processing = current.status() == PaymentStatus.PROCESSING ? current : current.moved(PaymentStatus.PROCESSING, now);
        PaymentRow.OrderInfo info = processing.orderOrEmpty();
        return engine.approve(processing.withChannel(channel, null)
                .withOrder(info.opened(channelReference, info.qrPayload(), info.expiresAt())), merchant, now);
    }

    /**
     * A payer paid an order after the payment had failed or was canceled here (the order expired as the payer
     * paid it): the money goes back to the payer through the channel.
     */
    private void giveBack(PaymentRow payment, OrderChannel channel, Money amount) {
        String reference = "ret_" + payment.id().substring("pay_".length());
        ChannelResult result = channel.refund(reference, payment.id(), amount);
        log.warn("Payment {} is {} but its order was paid at {}; returned to the payer as {}: {}", payment.id(),
                payment.status().wireName(), channel.name(), reference, result);
    }

    // ---- paying a QR payment from a Huitong wallet ----

    /** The order channel of Huitong wallets. */
    static final String WALLET_CHANNEL = "wallet";

    /**
     * Pays a {@code qr} payment that waits to be scanned from a consumer's Huitong wallet: closes its order at its
     * channel (so that it can no longer be paid there), then opens it at the wallet channel with the consumer as
     * payer, and applies the answer as for any order.
     */
    PaymentRow payFromWallet(String paymentId, String userId, Money expected) {
        PaymentRow row = store.paymentById(paymentId == null ? "" : paymentId).filter(p -> "qr".equals(p.methodType()))
                .orElseThrow(() -> new ApiException(404, ErrorType.INVALID_REQUEST_ERROR, "resource_missing",
                        "No QR payment has this reference: '" + paymentId + "'", "qr_payload"));
        if (row.status() != PaymentStatus.REQUIRES_ACTION) {
            throw PaymentEngine.unexpectedState(row, "paid from a wallet");
        }
        Money amount = new Money(row.amount(), row.currency());
        if (expected != null && !expected.equals(amount)) {
            throw ApiException.conflict("payment_unexpected_state", "The QR code's amount is not the payment's; scan the code again.");
        }
        OrderChannel wallet = find(WALLET_CHANNEL).orElseThrow(() -> new ApiException(503, ErrorType.API_ERROR, "channel_unavailable",
                "Payments from Huitong wallets are not offered right now.", null));
        if (row.channel() != null && !row.channel().equals(wallet.name())) {
            OrderChannel current = channel(row.channel());
            ChannelResult closed = current.close(row.id());
            if (!(closed instanceof ChannelResult.Approved)) {
                if (closed instanceof ChannelResult.Declined && current.query(row.id()) instanceof OrderStatus.Paid paid) {
                    settle(row.id(), current.name(), paid);
                }
                throw PaymentEngine.unexpectedState(store.paymentById(row.id()).orElseThrow(), "paid from a wallet");
            }
        }
        Merchant merchant = engine.merchant(row.merchantId());
        engine.inTx(() -> {
            PaymentRow current = store.lockPayment(paymentId).orElseThrow();
            if (current.status() != PaymentStatus.REQUIRES_ACTION) {
                throw PaymentEngine.unexpectedState(current, "paid from a wallet");
            }
            Instant now = engine.now();
            PaymentRow next = current.moved(PaymentStatus.PROCESSING, now).withChannel(wallet.name(), null)
                    .resolveAt(now.plus(engine.resolver().firstLook()), 0);
            store.update(next);
            return next;
        });
        accounts.open(row.merchantId(), row.currency(), wallet.method());
        OrderRequest request = new OrderRequest(row.id(), row.merchantId(), merchant.name(), amount, row.description(),
                new PayerAccount(null, userId, null), engine.now().plus(properties.orderExpiry()),
                engine.publicUrl() + "/notify/" + wallet.name());
        return applyOpened(row.id(), merchant, wallet, amount, wallet.open(request));
    }

    // ---- notifications ----

    @Override
    public Outcome notify(String channel, String reference, OrderStatus status) {
        if (reference == null) {
            return Outcome.REJECTED;
        }
        if (reference.startsWith("re_")) {
            return notifyRefund(channel, reference, status);
        }
        Optional<PaymentRow> found = store.paymentById(reference).filter(p -> !p.isCard() && channel.equals(p.channel()));
        if (found.isEmpty()) {
            log.warn("Notification from {} about {}, which is no order payment of that channel; refused", channel, reference);
            return Outcome.REJECTED;
        }
        PaymentRow row = found.get();
        return switch (status) {
            case OrderStatus.Paid paid -> {
                if (!paid.amount().equals(new Money(row.amount(), row.currency()))) {
                    log.warn("Notification from {}: {} paid {}, not the {} {} asked; refused", channel, reference, paid.amount(),
                            row.amount(), row.currency());
                    yield Outcome.REJECTED;
                }
                settle(row.id(), channel, status);
                yield Outcome.ACCEPTED;
            }
            case OrderStatus.Failed failed -> {
                settle(row.id(), channel, status);
                yield Outcome.ACCEPTED;
            }
            case OrderStatus.Pending pending -> Outcome.ACCEPTED;
            case OrderStatus.NotFound n -> Outcome.REJECTED;
            case OrderStatus.Unknown u -> Outcome.REJECTED;
        };
    }

    /** Applies a paid or failed order to its payment, if the payment still waits for it. */
    private void settle(String paymentId, String channel, OrderStatus status) {
        Money[] giveBack = {null};
        PaymentRow settled = engine.inTx(() -> {
            PaymentRow current = store.lockPayment(paymentId).orElseThrow();
            Instant now = engine.now();
            boolean waiting = current.status() == PaymentStatus.PROCESSING || current.status() == PaymentStatus.REQUIRES_ACTION;
            return switch (status) {
                case OrderStatus.Paid paid -> {
                    if (waiting) {
                        yield paid(current, engine.merchant(current.merchantId()), channel, paid.channelReference(), now);
                    }
                    if (current.status() != PaymentStatus.SUCCEEDED) {
                        giveBack[0] = paid.amount();
                    }
                    yield current;
                }
                case OrderStatus.Failed failed -> waiting ? engine.fail(current.withActionToken(null), failed.code(), failed.message(), now)
                        : current;
                default -> current;
            };
        });
        if (giveBack[0] != null) {
            giveBack(settled, channel(channel), giveBack[0]);
        }
    }

    private Outcome notifyRefund(String channel, String reference, OrderStatus status) {
        Optional<RefundRow> refund = store.refundById(reference).filter(r -> channel.equals(r.channel()));
        if (refund.isEmpty()) {
            return Outcome.REJECTED;
        }
        ChannelResult result = switch (status) {
            case OrderStatus.Paid paid -> paid.amount().equals(new Money(refund.get().amount(), refund.get().currency()))
                    ? new ChannelResult.Approved(paid.channelReference()) : null;
            case OrderStatus.Failed failed -> new ChannelResult.Declined(failed.code(), failed.message());
            case OrderStatus.Pending pending -> null;
            default -> null;
        };
        if (result == null) {
            return status instanceof OrderStatus.Pending ? Outcome.ACCEPTED : Outcome.REJECTED;
        }
        engine.inTx(() -> {
            RefundRow current = store.lockRefund(reference).orElseThrow();
            return RefundRow.PENDING.equals(current.status()) ? engine.settleRefund(current, result) : current;
        });
        return Outcome.ACCEPTED;
    }

    // ---- the resolver ----

    /**
     * Asks the channel about an order payment that is due for a look, and settles it when the channel knows.
     * Runs in the resolver's transaction, holding the payment's lock; answers the payment as it now is.
     */
    PaymentRow resolve(PaymentRow current, Instant now) {
        Optional<OrderChannel> channel = Optional.ofNullable(current.channel()).flatMap(this::find);
        OrderStatus status;
        if (channel.isPresent()) {
            status = channel.get().query(current.id());
        } else {
            // no channel recorded: a crash between a channel's answer and its recording leaves an order opened, or even
            // paid (a wallet debited), that only the channels of the method know of; the first that does not answer
            // "no such order" holds it
            status = new OrderStatus.NotFound();
            for (OrderChannel c : channels.get().all()) {
                if (c.method().equals(current.methodType())) {
                    OrderStatus told = c.query(current.id());
                    if (!(told instanceof OrderStatus.NotFound)) {
                        channel = Optional.of(c);
                        status = told;
                        break;
                    }
                }
            }
            if (channel.isEmpty()) {
                return engine.fail(current, "processing_error", "No channel holds the payment's order.", now);
            }
        }
        Instant expiresAt = current.orderOrEmpty().expiresAt() != null ? current.orderOrEmpty().expiresAt()
                : current.createdAt().plus(properties.orderExpiry());
        return switch (status) {
            case OrderStatus.Paid paid -> {
                if (!paid.amount().equals(new Money(current.amount(), current.currency()))) {
                    log.error("Channel {} says payment {} was paid {}, not {} {}; left for an operator", channel.get().name(),
                            current.id(), paid.amount(), current.amount(), current.currency());
                    yield later(current, now);
                }
                yield paid(current, engine.merchant(current.merchantId()), channel.get().name(), paid.channelReference(), now);
            }
            case OrderStatus.Failed failed -> engine.fail(current.withActionToken(null), failed.code(), failed.message(), now);
            case OrderStatus.NotFound n -> engine.fail(current, "processing_error", "The channel never received the payment; try again.", now);
            case OrderStatus.Pending p -> now.isBefore(expiresAt) ? later(current, now, expiresAt) : expire(current, channel.get(), now);
            case OrderStatus.Unknown u -> later(current, now);
        };
    }

    /** Closes an order the payer did not pay in time, and fails its payment; one paid meanwhile succeeds instead. */
    private PaymentRow expire(PaymentRow current, OrderChannel channel, Instant now) {
        ChannelResult closed = channel.close(current.id());
        return switch (closed) {
            case ChannelResult.Approved a -> engine.fail(current.withActionToken(null), "order_expired",
                    "The payer did not pay before the order expired.", now);
            case ChannelResult.Declined d -> {
                OrderStatus again = channel.query(current.id());
                if (again instanceof OrderStatus.Paid paid && paid.amount().equals(new Money(current.amount(), current.currency()))) {
                    yield paid(current, engine.merchant(current.merchantId()), channel.name(), paid.channelReference(), now);
                }
                yield later(current, now);
            }
            default -> later(current, now);
        };
    }

    private PaymentRow later(PaymentRow current, Instant now) {
        return later(current, now, null);
    }

    /** Looks again after the next backoff step, or at {@code notAfter} if that is sooner. */
    private PaymentRow later(PaymentRow current, Instant now, Instant notAfter) {
        int attempts = current.resolveAttempts() + 1;
        Instant at = now.plus(PaymentEngine.backoff(attempts));
        if (notAfter != null && notAfter.isBefore(at)) {
            at = notAfter;
        }
        PaymentRow next = current.resolveAt(at, attempts);
        store.update(next);
        return next;
    }

    /** What the order channel says about a pending refund; null while it cannot tell. */
    ChannelResult refundOutcome(RefundRow refund) {
        return switch (channel(refund.channel()).queryRefund(refund.id(), refund.paymentId())) {
            case OrderStatus.Paid paid -> new ChannelResult.Approved(paid.channelReference());
            case OrderStatus.Failed failed -> new ChannelResult.Declined(failed.code(), failed.message());
            case OrderStatus.NotFound n -> new ChannelResult.Declined("processing_error", "The channel never received the refund.");
            case OrderStatus.Pending p -> null;
            case OrderStatus.Unknown u -> null;
        };
    }

    // ---- cancel and refund ----

    /**
     * Closes an unpaid order so that a payment can be canceled. Answers normally when it is closed (or was never
     * opened); a payment whose order was paid meanwhile is settled as succeeded and refused as not cancelable.
     */
    void closeForCancel(PaymentRow row) {
        if (row.channel() == null || row.status() == PaymentStatus.REQUIRES_CONFIRMATION) {
            return;
        }
        OrderChannel channel = channel(row.channel());
        ChannelResult closed = channel.close(row.id());
        if (closed instanceof ChannelResult.Approved) {
            return;
        }
        if (closed instanceof ChannelResult.Declined && channel.query(row.id()) instanceof OrderStatus.Paid paid) {
            settle(row.id(), channel.name(), paid);
            throw PaymentEngine.unexpectedState(store.paymentById(row.id()).orElseThrow(), "canceled");
        }
        throw PaymentEngine.channelRefused(closed, "cancellation");
    }

    ChannelResult refund(RefundRow refund) {
        return channel(refund.channel()).refund(refund.id(), refund.paymentId(), new Money(refund.amount(), refund.currency()));
    }

    /** The method of the order channel with this name, if there is one. */
    Optional<String> channelMethod(String name) {
        return name == null ? Optional.empty() : find(name).map(OrderChannel::method);
    }

    /** Whether this channel name is an order channel's. */
    boolean isOrderChannel(String name) {
        return name != null && find(name).isPresent();
    }

    private OrderChannel channel(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no order channel named " + name));
    }

    private Optional<OrderChannel> find(String name) {
        List<OrderChannel> all = channels.get().all();
        return all.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
