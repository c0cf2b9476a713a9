package io.huitong.payments.internal;

import io.huitong.events.EventLog;
import io.huitong.identity.Merchant;
import io.huitong.identity.Merchants;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.ErrorType;
import io.huitong.kernel.GroupCommit;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Money;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.ledger.Account;
import io.huitong.ledger.Entry;
import io.huitong.ledger.Ledger;
import io.huitong.ledger.TransferRequest;
import io.huitong.ledger.TransferResult;
import io.huitong.payments.Balance;
import io.huitong.payments.BalanceTransaction;
import io.huitong.payments.NewPayment;
import io.huitong.payments.NewRefund;
import io.huitong.payments.Payment;
import io.huitong.payments.PaymentFilter;
import io.huitong.payments.Payments;
import io.huitong.payments.Refund;
import io.huitong.payments.channel.CardAuthorization;
import io.huitong.payments.channel.ChannelResult;
import io.huitong.payments.channel.Inquiry;
import io.huitong.payments.channel.OrderChannels;
import io.huitong.payments.channel.OrderNotifications;
import io.huitong.payments.domain.CardCheck;
import io.huitong.payments.domain.CardNumber;
import io.huitong.payments.domain.Fees;
import io.huitong.payments.domain.PaymentStatus;
import io.huitong.risk.Risk;
import io.huitong.risk.RiskDecision;
import io.huitong.risk.RiskRequest;
import io.huitong.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment state machine. A channel is never called inside a database transaction that a payer's
 * request waits on; every state change and its ledger postings and event are one transaction:
 * <ol>
 *   <li>the payment is written {@code processing} before the channel is called, so that a crash leaves a
 *       trace for the resolver;</li>
 *   <li>the channel's answer is applied under the payment's row lock, only if the payment is still
 *       waiting for it (the resolver may have settled it meanwhile).</li>
 * </ol>
 */
class PaymentEngine implements Payments {

    private static final Logger log = LoggerFactory.getLogger(PaymentEngine.class);
    private static final String AUTHENTICATE_PATH = "/pay/authenticate/";

    private final PaymentStore store;
    private final MerchantAccounts accounts;
    private final ChannelRouter router;
    private final EventLog events;
    private final Vault vault;
    private final Merchants merchants;
    private final Ledger ledger;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;
    private final CardCheck cardCheck;
    private final PaymentsProperties properties;
    private final Environment environment;
    private final SecureRandom random = new SecureRandom();
    private final OrderFlow orders;
    private final Risk risk;

    /** A channel's approval of a sale, waiting to be recorded. */
    private record Sale(String paymentId, Merchant merchant, String channel, String authorizationCode) {
    }

    private final GroupCommit<Sale, PaymentRow> sales = new GroupCommit<>("sales", new GroupCommit.Writer<>() {
        @Override
        public String key(Sale sale) {
            return sale.paymentId();
        }

        @Override
        public Map<String, PaymentRow> writeAll(List<Sale> batch) {
            return commitSales(batch);
        }

        @Override
        public PaymentRow writeOne(Sale sale) {
            return applyAlone(sale.paymentId(), sale.merchant(),
                    new ChannelRouter.Routed(sale.channel(), new ChannelResult.Approved(sale.authorizationCode())));
        }
    }, 64);


    PaymentEngine(PaymentStore store, MerchantAccounts accounts, ChannelRouter router, EventLog events, Vault vault,
                  Merchants merchants, Ledger ledger, TransactionTemplate tx, Clock clock, Ids ids, PaymentsProperties properties,
                  Environment environment, Supplier<OrderChannels> orderChannels, Risk risk) {
        this.risk = risk;
        this.store = store;
        this.accounts = accounts;
        this.router = router;
        this.events = events;
        this.vault = vault;
        this.merchants = merchants;
        this.ledger = ledger;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
        this.cardCheck = new CardCheck(clock);
        this.properties = properties;
        this.environment = environment;
        this.orders = new OrderFlow(this, store, accounts, events, vault, orderChannels, properties);
    }

    /** Where channels' notifications about orders are applied. */
    OrderNotifications orderNotifications() {
        return orders;
    }

    // ---- payments ----

    @Override
    public Payment create(String merchantId, NewPayment request, String idempotencyKey) {
        // a repeat with the same idempotency key meets the unique index on insert, and answers the earlier payment
        Merchant merchant = merchant(merchantId);
        Instant now = now();
        String id = ids.next("pay");
        if (!request.paymentMethod().type().equals("card")) {
            return orders.create(merchant, id, request, idempotencyKey, now);
        }
        NewPayment.CardInput card = request.paymentMethod().card();
        CardCheck.Outcome checked = cardCheck.check(card.number(), card.expMonth(), card.expYear(), card.cvc());
        if (checked instanceof CardCheck.Failed failed) {
            Optional<CardNumber> number = CardNumber.parse(card.number());
            PaymentRow row = new PaymentRow(id, merchantId, request.amount(), request.currency(), PaymentStatus.FAILED,
                    request.captureMethod(), 0, 0, 0, 0, "card", number.map(n -> n.brand().wireName()).orElse(null),
                    number.map(CardNumber::last4).orElse(null), card.expMonth(), card.expYear(), null, null, null, null,
                    failed.code(), failed.message(), request.description(), request.metadata(), idempotencyKey, null, 0, now, now, null, null);
            PaymentRow stored = insertOrEarlier(row, () -> tx.executeWithoutResult(s -> {
                store.insert(row);
                events.record(merchantId, "payment.failed", view(row));
            }));
            if (stored != row) {
                return answer(stored);
            }
            throw ApiException.cardError(failed.code(), failed.message(), failed.param(), id);
        }
        CardCheck.Passed passed = (CardCheck.Passed) checked;
        RiskDecision decision = risk.decide(new RiskRequest(id, "card_payment", merchantId, null, request.amount(), request.currency(),
                passed.number().reveal(), request.riskContext(), now));
        PaymentRow.RiskInfo riskInfo = riskInfo(decision);
        boolean challenge = decision.outcome() == RiskDecision.Outcome.CHALLENGE;
        PaymentStatus status = decision.blocked() ? PaymentStatus.FAILED
                : !request.confirm() ? PaymentStatus.REQUIRES_CONFIRMATION
                : challenge ? PaymentStatus.REQUIRES_ACTION : PaymentStatus.PROCESSING;
        PaymentRow row = new PaymentRow(id, merchantId, request.amount(), request.currency(), status, request.captureMethod(), 0, 0, 0, 0,
                "card", passed.number().brand().wireName(), passed.number().last4(), passed.expMonth(), passed.expYear(),
                decision.blocked() ? null : vault.seal(passed.number().reveal(), id), null, null,
                status == PaymentStatus.REQUIRES_ACTION ? newToken() : null,
                decision.blocked() ? RISK_BLOCKED : null, decision.blocked() ? "Risk control blocked this payment." : null,
                request.description(), request.metadata(),
                idempotencyKey, status == PaymentStatus.PROCESSING ? now.plus(resolver().firstLook()) : null, 0, now, now, null, riskInfo);
        PaymentRow stored = insertOrEarlier(row, status == PaymentStatus.FAILED || status == PaymentStatus.REQUIRES_ACTION
                ? () -> tx.executeWithoutResult(s -> {
                    store.insert(row);
                    events.record(merchantId, "payment." + row.status().wireName(), view(row));
                })
                : () -> store.insert(row));
        if (stored != row || row.status() == PaymentStatus.FAILED) {
            return answer(stored);
        }
        if (!request.confirm() || row.status() == PaymentStatus.REQUIRES_ACTION) {
            return view(row);
        }
        return answer(authorize(row, merchant, passed.number(), card.cvc(), false));
    }

    /**
     * Writes the payment with {@code insert}, or answers the one an earlier request with the same
     * idempotency key created. A lone insert commits on its own (one round trip less than a transaction);
     * one with more to write brings its own transaction.
     */
    PaymentRow insertOrEarlier(PaymentRow row, Runnable insert) {
        try {
            insert.run();
            return row;
        } catch (DuplicateKeyException e) {
            if (row.idempotencyKey() == null) {
                throw e;
            }
            return store.paymentByIdempotencyKey(row.merchantId(), row.idempotencyKey()).orElseThrow(() -> e);
        }
    }

    static final String RISK_BLOCKED = "risk_blocked";

    static PaymentRow.RiskInfo riskInfo(RiskDecision decision) {
        return new PaymentRow.RiskInfo(decision.outcome().wireName(), decision.score(), decision.reasons());
    }

    /** Risk control's decision on a payment about to be made, {@code id} not yet stored. */
    RiskDecision decide(String id, String kind, String merchantId, String userId, long amount, String currency, String cardNumber,
                        io.huitong.risk.RiskContext context) {
        return decide(id, kind, merchantId, userId, amount, currency, cardNumber, context, null);
    }

    /** The same, for a payer known to have been a customer since {@code payerSince}. */
    RiskDecision decide(String id, String kind, String merchantId, String userId, long amount, String currency, String cardNumber,
                        io.huitong.risk.RiskContext context, Instant payerSince) {
        return risk.decide(new RiskRequest(id, kind, merchantId, userId, amount, currency, cardNumber, context, now(), payerSince));
    }

    /** The answer to a request about this payment: the payment, or the 402 of a declined one. */
    Payment answer(PaymentRow row) {
        if (row.status() == PaymentStatus.FAILED && RISK_BLOCKED.equals(row.failureCode())) {
            throw ApiException.riskBlocked(row.id());
        }
        if (row.status() == PaymentStatus.FAILED && row.failureCode() != null) {
            throw row.isCard() ? ApiException.cardError(row.failureCode(), row.failureMessage(), null, row.id())
                    : ApiException.paymentError(row.failureCode(), row.failureMessage(), row.id());
        }
        return view(row);
    }

    /** Asks the channels to authorize a {@code processing} payment and applies their answer. */
    private PaymentRow authorize(PaymentRow row, Merchant merchant, CardNumber card, String cvc, boolean authenticated) {
        accounts.open(row.merchantId(), row.currency(), row.methodType());
        // a payment held for review is only authorized: captured when an analyst approves it
        boolean capture = !row.manualCapture() && !row.riskReview();
        CardAuthorization request = new CardAuthorization(row.id(), row.merchantId(), new Money(row.amount(), row.currency()), card,
                row.cardExpMonth(), row.cardExpYear(), cvc, capture, authenticated);
        ChannelRouter.Routed routed = router.authorize(request);
        if (routed.result() instanceof ChannelResult.Approved approved && capture) {
            return sales.submit(new Sale(row.id(), merchant, routed.channel(), approved.authorizationCode()));
        }
        return applyAlone(row.id(), merchant, routed);
    }

    /** Applies the channel's answer to one payment in a transaction of its own. */
    private PaymentRow applyAlone(String paymentId, Merchant merchant, ChannelRouter.Routed routed) {
        return inTx(() -> {
            PaymentRow current = store.lockPayment(paymentId).orElseThrow();
            if (current.status() != PaymentStatus.PROCESSING) {
                // the resolver settled it while the channel was answering: undo what the channel did
                if (routed.result() instanceof ChannelResult.Approved) {
                    reverseLate(current, routed.channel());
                }
                return current;
            }
            return apply(current, merchant, routed.channel(), routed.result());
        });
    }

    private void reverseLate(PaymentRow current, String channel) {
        log.warn("Payment {} was settled as {} before the channel approved it; reversing at {}", current.id(),
                current.status().wireName(), channel);
        router.channel(channel).reverse(current.id());
    }

    /** Records a batch of approved sales in one transaction (see {@link GroupCommit}). */
    private Map<String, PaymentRow> commitSales(List<Sale> batch) {
        Map<String, Sale> byId = new HashMap<>();
        batch.forEach(sale -> byId.put(sale.paymentId(), sale));
        Map<String, PaymentRow> out = new HashMap<>();
        List<PaymentRow> late = new ArrayList<>();
        inTx(() -> {
            Instant now = now();
            List<TransferRequest> transfers = new ArrayList<>();
            List<PaymentRow> updates = new ArrayList<>();
            List<EventLog.NewEvent> succeeded = new ArrayList<>();
            for (PaymentRow current : store.lockPayments(List.copyOf(byId.keySet()))) {
                Sale sale = byId.get(current.id());
                if (current.status() != PaymentStatus.PROCESSING) {
                    late.add(current);
                    out.put(current.id(), current);
                    continue;
                }
                long fee = Fees.of(current.amount(), sale.merchant().feePercentBps(), sale.merchant().feeFixed());
                PaymentRow next = current.withChannel(sale.channel(), sale.authorizationCode()).moved(PaymentStatus.SUCCEEDED, now)
                        .withAmounts(0, current.amount(), 0, fee);
                transfers.addAll(accounts.saleTransfers(current.id(), current.merchantId(), current.methodType(), new Money(current.amount(), current.currency()), fee));
                updates.add(next);
                succeeded.add(new EventLog.NewEvent(next.merchantId(), "payment.succeeded", view(next)));
                out.put(next.id(), next);
            }
            accounts.post(transfers);
            store.updateAll(updates);
            events.recordAll(succeeded);
            return null;
        });
        for (PaymentRow current : late) {
            reverseLate(current, byId.get(current.id()).channel());
        }
        return out;
    }

    /** Applies a channel's answer to a payment that is {@code processing}. Runs in the payment's transaction. */
    PaymentRow apply(PaymentRow current, Merchant merchant, String channel, ChannelResult result) {
        Instant now = now();
        return switch (result) {
            case ChannelResult.Approved approved -> approve(current.withChannel(channel, approved.authorizationCode()), merchant, now);
            case ChannelResult.Declined declined ->
                    fail(current.withChannel(channel, null), declined.code(), declined.message(), now);
            case ChannelResult.ActionRequired ignored -> {
                PaymentRow next = current.withChannel(channel, null).moved(PaymentStatus.REQUIRES_ACTION, now).withActionToken(newToken());
                store.update(next);
                events.record(next.merchantId(), "payment.requires_action", view(next));
                yield next;
            }
            case ChannelResult.Unavailable unavailable ->
                    fail(current.withChannel(channel, null), "processing_error", "No channel could process the payment; try again.", now);
            case ChannelResult.Unknown unknown -> {
                PaymentRow next = current.withChannel(channel, null).resolveAt(now.plus(resolver().firstLook()), current.resolveAttempts());
                store.update(next);
                log.warn("Payment {}: no answer from {} ({}); the resolver will find out", next.id(), channel, unknown.reason());
                yield next;
            }
        };
    }

    PaymentRow approve(PaymentRow current, Merchant merchant, Instant now) {
        Money amount = new Money(current.amount(), current.currency());
        PaymentRow next;
        if (current.riskReview() && current.isCard()) {
            // held for review: the authorization's hold, the payment processing until an analyst decides
            accounts.postAuthorization(current.id(), current.merchantId(), amount);
            next = current.resolveAt(null, 0).withAmounts(current.amount(), 0, 0, 0);
            store.update(next);
            RiskDecision held = new RiskDecision(RiskDecision.Outcome.REVIEW, current.risk().score(), current.risk().reasons(), 0,
                    risk.cardFingerprint(card(current).reveal()));
            risk.openReview(new RiskRequest(current.id(), "card_payment", current.merchantId(), null, current.amount(), current.currency(),
                    null, null, now), held);
        } else if (current.manualCapture()) {
            accounts.postAuthorization(current.id(), current.merchantId(), amount);
            next = current.moved(PaymentStatus.REQUIRES_CAPTURE, now).withAmounts(current.amount(), 0, 0, 0);
            store.update(next);
        } else {
            long fee = Fees.of(current.amount(), merchant.feePercentBps(), merchant.feeFixed());
            accounts.postSale(current.id(), current.merchantId(), clearingMethod(current), amount, fee);
            next = current.moved(PaymentStatus.SUCCEEDED, now).withAmounts(0, current.amount(), 0, fee);
            store.update(next);
            events.record(next.merchantId(), "payment.succeeded", view(next));
        }
        return next;
    }

    /**
     * The method whose clearing account a payment's money passes through: the method of the channel that took
     * it, so that a QR payment paid from a Huitong wallet clears through the wallet clearing account.
     */
    String clearingMethod(PaymentRow row) {
        return row.isCard() ? row.methodType() : orders.channelMethod(row.channel()).orElse(row.methodType());
    }

    PaymentRow fail(PaymentRow current, String code, String message, Instant now) {
        PaymentRow next = current.moved(PaymentStatus.FAILED, now).withFailure(code, message);
        store.update(next);
        events.record(next.merchantId(), "payment.failed", view(next));
        return next;
    }

    @Override
    public Payment confirm(String merchantId, String paymentId) {
        PaymentRow row = own(merchantId, paymentId);
        if (row.status() != PaymentStatus.REQUIRES_CONFIRMATION) {
            throw unexpectedState(row, "confirmed");
        }
        PaymentRow processing = inTx(() -> {
            PaymentRow current = store.lockPayment(paymentId).orElseThrow();
            if (current.status() != PaymentStatus.REQUIRES_CONFIRMATION) {
                throw unexpectedState(current, "confirmed");
            }
            PaymentRow next = current.moved(PaymentStatus.PROCESSING, now()).resolveAt(now().plus(resolver().firstLook()), 0);
            if (current.risk() != null && "challenge".equals(current.risk().decision())) {
                next = next.moved(PaymentStatus.REQUIRES_ACTION, now()).withActionToken(newToken());
                store.update(next);
                events.record(next.merchantId(), "payment.requires_action", view(next));
                return next;
            }
            store.update(next);
            return next;
        });
        if (processing.status() == PaymentStatus.REQUIRES_ACTION) {
            return view(processing);
        }
        if (!processing.isCard()) {
            return answer(orders.open(processing, merchant(merchantId)));
        }
        return answer(authorize(processing, merchant(merchantId), card(processing), null, false));
    }

    @Override
    public Payment payFromWallet(String paymentId, String userId, Money expected) {
        return answer(orders.payFromWallet(paymentId, userId, expected));
    }

    @Override
    public Payment capture(String merchantId, String paymentId, Long amount) {
        PaymentRow row = own(merchantId, paymentId);
        if (row.status() != PaymentStatus.REQUIRES_CAPTURE) {
            throw unexpectedState(row, "captured");
        }
        long captured = amount == null ? row.amountCapturable() : amount;
        if (captured <= 0) {
            throw ApiException.invalid("amount", "amount must be a positive integer");
        }
        if (captured > row.amountCapturable()) {
            throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "amount_too_large",
                    "amount must be at most the amount capturable (" + row.amountCapturable() + ")", "amount");
        }
        Money money = new Money(captured, row.currency());
        ChannelResult answer = router.channel(row.channel()).capture(row.id(), money);
        if (!(answer instanceof ChannelResult.Approved)) {
            throw channelRefused(answer, "capture");
        }
        Merchant m = merchant(merchantId);
        long fee = Fees.of(captured, m.feePercentBps(), m.feeFixed());
        boolean[] expired = {false};
        PaymentRow result = inTx(() -> {
            PaymentRow current = store.lockPayment(paymentId).orElseThrow();
            if (current.status() != PaymentStatus.REQUIRES_CAPTURE) {
                throw unexpectedState(current, "captured");
            }
            Instant now = now();
            if (accounts.postCapture(current.id(), merchantId, money, fee) == TransferResult.Code.PENDING_TRANSFER_EXPIRED) {
                expired[0] = true;
                PaymentRow next = current.moved(PaymentStatus.CANCELED, now).withAmounts(0, 0, 0, 0)
                        .withFailure("authorization_expired", "The authorization expired before it was captured.");
                store.update(next);
                events.record(merchantId, "payment.canceled", view(next));
                return next;
            }
            PaymentRow next = current.moved(PaymentStatus.SUCCEEDED, now).withAmounts(0, captured, 0, fee);
            store.update(next);
            Payment shown = view(next);
            events.record(merchantId, "payment.captured", shown);
            events.record(merchantId, "payment.succeeded", shown);
            return next;
        });
        if (expired[0]) {
            throw ApiException.conflict("payment_unexpected_state", "The authorization of this payment expired before capture; it is canceled.");
        }
        return view(result);
    }

    @Override
    public Payment cancel(String merchantId, String paymentId) {
        PaymentRow row = own(merchantId, paymentId);
        if (!row.status().cancelable()) {
            throw unexpectedState(row, "canceled");
        }
        if (!row.isCard()) {
            orders.closeForCancel(row);
        }
        if (row.status() == PaymentStatus.REQUIRES_CAPTURE) {
            ChannelResult answer = router.channel(row.channel()).release(row.id());
            if (!(answer instanceof ChannelResult.Approved)) {
                throw channelRefused(answer, "release");
            }
        }
        return view(inTx(() -> {
            PaymentRow current = store.lockPayment(paymentId).orElseThrow();
            if (!current.status().cancelable()) {
                throw unexpectedState(current, "canceled");
            }
            if (current.status() == PaymentStatus.REQUIRES_CAPTURE) {
                accounts.postRelease(current.id());
            }
            PaymentRow next = current.moved(PaymentStatus.CANCELED, now()).withAmounts(0, 0, 0, 0).withActionToken(null);
            store.update(next);
            events.record(merchantId, "payment.canceled", view(next));
            return next;
        }));
    }

    @Override
    public Optional<Payment> find(String merchantId, String paymentId) {
        return store.payment(merchantId, paymentId).map(this::view);
    }

    @Override
    public Page<Payment> list(String merchantId, PaymentFilter filter, PageRequest page) {
        return store.payments(merchantId, filter, page).map(this::view);
    }

    @Override
    public Optional<Payment> awaitingAuthentication(String paymentId, String token) {
        return paymentWithToken(paymentId, token).map(this::view);
    }

    private Optional<PaymentRow> paymentWithToken(String paymentId, String token) {
        if (paymentId == null || token == null || !paymentId.startsWith("pay_")) {
            return Optional.empty();
        }
        return store.paymentById(paymentId).filter(p -> p.actionToken() != null && MessageDigest.isEqual(
                p.actionToken().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Payment completeAuthentication(String paymentId, String token, boolean passed) {
        PaymentRow row = paymentWithToken(paymentId, token)
                .orElseThrow(() -> ApiException.notFound("payment awaiting authentication", paymentId));
        if (row.status() != PaymentStatus.REQUIRES_ACTION) {
            return view(row);
        }
        PaymentRow next = inTx(() -> {
            PaymentRow current = store.lockPayment(paymentId).orElseThrow();
            if (current.status() != PaymentStatus.REQUIRES_ACTION) {
                return current;
            }
            Instant now = now();
            if (!passed) {
                return fail(current, "authentication_failed", "The payer did not complete authentication.", now);
            }
            PaymentRow processing = current.moved(PaymentStatus.PROCESSING, now).resolveAt(now.plus(resolver().firstLook()), 0);
            store.update(processing);
            return processing;
        });
        if (next.status() != PaymentStatus.PROCESSING) {
            return view(next);
        }
        return view(authorize(next, merchant(next.merchantId()), card(next), null, true));
    }

    // ---- review verdicts ----

    /** An analyst approved a payment held for review: captured (or left for the merchant's capture, manual capture). */
    void approveReview(String paymentId) {
        PaymentRow row = store.paymentById(paymentId).orElseThrow(() -> ApiException.notFound("payment", paymentId));
        if (!row.heldForReview()) {
            throw unexpectedState(row, "approved");
        }
        Merchant m = merchant(row.merchantId());
        if (row.manualCapture()) {
            inTx(() -> {
                PaymentRow current = store.lockPayment(paymentId).orElseThrow();
                if (!current.heldForReview()) {
                    throw unexpectedState(current, "approved");
                }
                PaymentRow next = current.moved(PaymentStatus.REQUIRES_CAPTURE, now());
                store.update(next);
                return next;
            });
            return;
        }
        Money money = new Money(row.amountCapturable(), row.currency());
        ChannelResult answer = router.channel(row.channel()).capture(row.id(), money);
        if (!(answer instanceof ChannelResult.Approved)) {
            throw channelRefused(answer, "capture");
        }
        long fee = Fees.of(money.amount(), m.feePercentBps(), m.feeFixed());
        inTx(() -> {
            PaymentRow current = store.lockPayment(paymentId).orElseThrow();
            if (!current.heldForReview()) {
                throw unexpectedState(current, "approved");
            }
            Instant now = now();
            if (accounts.postCapture(current.id(), current.merchantId(), money, fee) == TransferResult.Code.PENDING_TRANSFER_EXPIRED) {
                PaymentRow next = current.moved(PaymentStatus.CANCELED, now).withAmounts(0, 0, 0, 0)
                        .withFailure("authorization_expired", "The authorization expired before it was approved.");
                store.update(next);
                events.record(next.merchantId(), "payment.canceled", view(next));
                return next;
            }
            PaymentRow next = current.moved(PaymentStatus.SUCCEEDED, now).withAmounts(0, money.amount(), 0, fee);
            store.update(next);
            events.record(next.merchantId(), "payment.succeeded", view(next));
            return next;
        });
    }

    /** An analyst rejected a payment held for review: the authorization is released and the payment canceled. */
    void rejectReview(String paymentId) {
        PaymentRow row = store.paymentById(paymentId).orElseThrow(() -> ApiException.notFound("payment", paymentId));
        if (!row.heldForReview()) {
            throw unexpectedState(row, "rejected");
        }
        ChannelResult answer = router.channel(row.channel()).release(row.id());
        if (!(answer instanceof ChannelResult.Approved)) {
            throw channelRefused(answer, "release");
        }
        inTx(() -> {
            PaymentRow current = store.lockPayment(paymentId).orElseThrow();
            if (!current.heldForReview()) {
                throw unexpectedState(current, "rejected");
            }
            accounts.postRelease(current.id());
            PaymentRow next = current.moved(PaymentStatus.CANCELED, now()).withAmounts(0, 0, 0, 0)
                    .withFailure("risk_rejected", "Risk control's review rejected this payment.");
            store.update(next);
            events.record(next.merchantId(), "payment.canceled", view(next));
            return next;
        });
    }

    // ---- unknown outcomes ----

    /** Settles one payment whose outcome is unknown, if it is due. Answers whether it is settled now. */
    boolean resolvePayment(String paymentId) {
        return inTx(() -> {
            PaymentRow current = store.lockPayment(paymentId).orElse(null);
            Instant now = now();
            boolean open = current != null && (current.status() == PaymentStatus.PROCESSING
                    || (!current.isCard() && current.status() == PaymentStatus.REQUIRES_ACTION));
            if (!open) {
                return true;
            }
            if (current.resolveAfter() != null && current.resolveAfter().isAfter(now)) {
                return false;
            }
            if (!current.isCard()) {
                PaymentStatus after = orders.resolve(current, now).status();
                return after != PaymentStatus.PROCESSING && after != PaymentStatus.REQUIRES_ACTION;
            }
            ChannelRouter.Found found = router.inquire(current.id(), current.channel());
            PaymentRow settled = switch (found.inquiry()) {
                case Inquiry.Approved a -> {
                    accounts.open(current.merchantId(), current.currency(), current.methodType());
                    yield approve(current.withChannel(found.channel(), a.authorizationCode()), merchant(current.merchantId()), now);
                }
                case Inquiry.Declined d -> fail(current.withChannel(found.channel(), null), d.code(), d.message(), now);
                case Inquiry.NotFound n -> fail(current, "processing_error", "The channel never received the payment; try again.", now);
                case Inquiry.Unknown u -> {
                    if (!now.isBefore(current.createdAt().plus(resolver().giveUpAfter()))) {
                        router.reverseEverywhere(current.id());
                        yield fail(current, "channel_timeout", "The channel did not answer in time; the payment was reversed.", now);
                    }
                    int attempts = current.resolveAttempts() + 1;
                    PaymentRow later = current.resolveAt(now.plus(backoff(attempts)), attempts);
                    store.update(later);
                    yield later;
                }
            };
            return settled.status() != PaymentStatus.PROCESSING;
        });
    }

    boolean resolveRefund(String refundId) {
        return inTx(() -> {
            RefundRow current = store.lockRefund(refundId).orElse(null);
            Instant now = now();
            if (current == null || !RefundRow.PENDING.equals(current.status())) {
                return true;
            }
            if (current.resolveAfter() != null && current.resolveAfter().isAfter(now)) {
                return false;
            }
            if (orders.isOrderChannel(current.channel())) {
                ChannelResult outcome = orders.refundOutcome(current);
                if (outcome == null) {
                    int attempts = current.resolveAttempts() + 1;
                    store.update(current.resolveAt(now.plus(backoff(attempts)), attempts));
                    return false;
                }
                settleRefund(current, outcome);
                return true;
            }
            Inquiry inquiry = router.channel(current.channel()).inquire(current.id());
            switch (inquiry) {
                case Inquiry.Approved a -> settleRefund(current, new ChannelResult.Approved(a.authorizationCode()));
                case Inquiry.Declined d -> settleRefund(current, new ChannelResult.Declined(d.code(), d.message()));
                case Inquiry.NotFound n -> settleRefund(current, new ChannelResult.Declined("processing_error", "never received"));
                case Inquiry.Unknown u -> {
                    if (!now.isBefore(current.createdAt().plus(resolver().giveUpAfter()))) {
                        router.channel(current.channel()).reverse(current.id());
                        settleRefund(current, new ChannelResult.Declined("channel_timeout", "no answer"));
                    } else {
                        int attempts = current.resolveAttempts() + 1;
                        store.update(current.resolveAt(now.plus(backoff(attempts)), attempts));
                        return false;
                    }
                }
            }
            return true;
        });
    }

    List<String> unresolvedPayments(int max) {
        return store.unresolvedPayments(now(), max);
    }

    List<String> unresolvedRefunds(int max) {
        return store.unresolvedRefunds(now(), max);
    }

    static Duration backoff(int attempts) {
        long seconds = Math.min(60, 1L << Math.min(attempts, 6));
        return Duration.ofSeconds(seconds);
    }

    // ---- refunds ----

    @Override
    public Refund refund(String merchantId, NewRefund request, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<RefundRow> earlier = store.refundByIdempotencyKey(merchantId, idempotencyKey);
            if (earlier.isPresent()) {
                return view(earlier.get());
            }
        }
        RefundRow refund;
        String[] method = {null};
        try {
            refund = inTx(() -> {
                PaymentRow payment = store.lockPayment(request.payment()).filter(p -> p.merchantId().equals(merchantId))
                        .orElseThrow(() -> new ApiException(404, ErrorType.INVALID_REQUEST_ERROR, "resource_missing",
                                "No such payment: '" + request.payment() + "'", "payment"));
                method[0] = clearingMethod(payment);
                if (payment.status() != PaymentStatus.SUCCEEDED) {
                    throw ApiException.conflict("payment_unexpected_state",
                            "Only a succeeded payment can be refunded; this one is " + payment.status().wireName() + ".");
                }
                long refundable = payment.amountReceived() - payment.amountRefunded();
                long amount = request.amount() == null ? refundable : request.amount();
                if (amount > refundable || amount <= 0) {
                    throw new ApiException(400, ErrorType.INVALID_REQUEST_ERROR, "amount_too_large",
                            "The refund would exceed what the payment received; at most " + refundable + " can still be refunded.",
                            "amount");
                }
                Instant now = now();
                RefundRow row = new RefundRow(ids.next("re"), merchantId, payment.id(), amount, payment.currency(), RefundRow.PENDING,
                        request.reason(), null, payment.channel(), idempotencyKey, now.plus(resolver().firstLook()), 0, now, now);
                store.insert(row);
                store.update(payment.withAmounts(payment.amountCapturable(), payment.amountReceived(),
                        payment.amountRefunded() + amount, payment.fee()));
                return row;
            });
        } catch (DuplicateKeyException e) {
            return view(store.refundByIdempotencyKey(merchantId, idempotencyKey).orElseThrow(() -> e));
        }
        accounts.open(merchantId, refund.currency(), method[0]);
        ChannelResult result = orders.isOrderChannel(refund.channel()) ? orders.refund(refund)
                : router.channel(refund.channel()).refund(refund.id(), refund.paymentId(), new Money(refund.amount(), refund.currency()));
        if (result instanceof ChannelResult.Unknown || result instanceof ChannelResult.Unavailable) {
            return view(refund);
        }
        return view(inTx(() -> {
            RefundRow current = store.lockRefund(refund.id()).orElseThrow();
            return RefundRow.PENDING.equals(current.status()) ? settleRefund(current, result) : current;
        }));
    }

    /** Settles a pending refund with the channel's answer. Runs in a transaction holding the refund's lock. */
    RefundRow settleRefund(RefundRow current, ChannelResult result) {
        Instant now = now();
        RefundRow next;
        if (result instanceof ChannelResult.Approved) {
            // the refund goes back through the channel that was paid, whose clearing account it names; only a
            // channel no longer configured needs the payment read to find it
            String method = orders.channelMethod(current.channel())
                    .or(() -> router.find(current.channel()).map(card -> "card"))
                    .orElseGet(() -> clearingMethod(store.paymentById(current.paymentId()).orElseThrow()));
            accounts.postRefund(current.id(), current.paymentId(), current.merchantId(), method,
                    new Money(current.amount(), current.currency()));
            next = current.settled(RefundRow.SUCCEEDED, null, now);
            store.update(next);
            events.record(current.merchantId(), "refund.succeeded", view(next));
        } else {
            String code = result instanceof ChannelResult.Declined d ? d.code() : "processing_error";
            PaymentRow payment = store.lockPayment(current.paymentId()).orElseThrow();
            store.update(payment.withAmounts(payment.amountCapturable(), payment.amountReceived(),
                    payment.amountRefunded() - current.amount(), payment.fee()));
            next = current.settled(RefundRow.FAILED, code, now);
            store.update(next);
            events.record(current.merchantId(), "refund.failed", view(next));
        }
        return next;
    }

    @Override
    public Optional<Refund> findRefund(String merchantId, String refundId) {
        return store.refund(merchantId, refundId).map(PaymentEngine::view);
    }

    @Override
    public Page<Refund> listRefunds(String merchantId, String paymentId, PageRequest page) {
        return store.refunds(merchantId, paymentId, page).map(PaymentEngine::view);
    }

    // ---- balance ----

    @Override
    public Balance balance(String merchantId) {
        Merchant m = merchant(merchantId);
        List<Account> owned = ledger.listAccounts(merchantId, PageRequest.first(100)).data();
        List<Balance.Amount> available = new ArrayList<>();
        List<Balance.Amount> pending = new ArrayList<>();
        for (Account a : owned) {
            if (a.id().equals(MerchantAccounts.available(merchantId, a.currency()))) {
                available.add(new Balance.Amount(a.currency(), a.postedBalance()));
            } else if (a.id().equals(MerchantAccounts.pending(merchantId, a.currency()))) {
                pending.add(new Balance.Amount(a.currency(), a.postedBalance()));
            }
        }
        if (available.isEmpty() && pending.isEmpty()) {
            available.add(new Balance.Amount(m.defaultCurrency(), 0));
            pending.add(new Balance.Amount(m.defaultCurrency(), 0));
        }
        return new Balance("balance", available, pending);
    }

    @Override
    public Page<BalanceTransaction> balanceTransactions(String merchantId, PageRequest page) {
        List<String> accountIds = ledger.listAccounts(merchantId, PageRequest.first(100)).data().stream()
                .map(Account::id).toList();
        PageRequest entries = new PageRequest(page.limit(), entryCursor(page.startingAfter(), "starting_after"),
                entryCursor(page.endingBefore(), "ending_before"));
        return ledger.listPostedEntries(accountIds, entries).map(e -> balanceTransaction(merchantId, e));
    }

    /** A balance transaction's id is {@code txn_} and its ledger entry's number. */
    private static String entryCursor(String id, String param) {
        if (id == null) {
            return null;
        }
        if (!id.matches("txn_[0-9]{1,18}")) {
            throw ApiException.invalid(param, param + " must be the id of a balance transaction (txn_...)");
        }
        return id.substring(4);
    }

    private static BalanceTransaction balanceTransaction(String merchantId, Entry e) {
        long signed = "credit".equals(e.direction()) ? e.amount() : -e.amount();
        String transfer = e.transferId();
        int colon = transfer.indexOf(':');
        String source = colon < 0 ? transfer : transfer.substring(0, colon);
        String type;
        if (transfer.startsWith("re_")) {
            type = "refund";
        } else if (transfer.endsWith(":fee")) {
            type = "payment_fee";
        } else if (transfer.startsWith("pay_")) {
            type = "payment";
        } else {
            type = "adjustment";
        }
        String balance = e.accountId().equals(MerchantAccounts.available(merchantId, e.currency())) ? "available" : "pending";
        return new BalanceTransaction("txn_" + e.id(), "balance_transaction", signed, e.currency(), type, source, balance, transfer,
                e.createdAt());
    }

    // ---- views and helpers ----

    Payment view(PaymentRow p) {
        Payment.NextAction next = null;
        if (p.status() == PaymentStatus.REQUIRES_ACTION && p.actionToken() != null) {
            next = Payment.NextAction.authenticate(publicUrl() + AUTHENTICATE_PATH + p.id() + "?token=" + p.actionToken());
        } else if (p.status() == PaymentStatus.REQUIRES_ACTION && p.orderOrEmpty().qrPayload() != null) {
            next = Payment.NextAction.displayQr(p.orderOrEmpty().qrPayload(), p.orderOrEmpty().expiresAt());
        }
        return new Payment(p.id(), "payment", p.amount(), p.currency(), p.status().wireName(), p.amountCapturable(), p.amountReceived(),
                p.amountRefunded(), p.captureMethod(), paymentMethod(p), p.channel(), next,
                p.failureCode(), p.failureMessage(), p.risk() == null ? null : new Payment.Risk(p.risk().decision(), p.risk().score(),
                p.risk().reasons()), p.description(), p.metadata(), p.createdAt(), p.updatedAt());
    }

    private static Payment.PaymentMethod paymentMethod(PaymentRow p) {
        PaymentRow.OrderInfo o = p.orderOrEmpty();
        return switch (p.methodType()) {
            case "card" -> new Payment.PaymentMethod("card", new Payment.Card(p.cardBrand(), p.cardLast4(), p.cardExpMonth(),
                    p.cardExpYear()), null, null);
            case "bank_transfer" -> new Payment.PaymentMethod("bank_transfer", null,
                    new Payment.BankTransfer(o.payerBankCode(), o.payerLast4(), o.payerName()), null);
            case "ecny" -> new Payment.PaymentMethod("ecny", null, null, new Payment.Ecny(o.payerLast4()));
            default -> new Payment.PaymentMethod(p.methodType(), null, null, null);
        };
    }

    static Refund view(RefundRow r) {
        return new Refund(r.id(), "refund", r.paymentId(), r.amount(), r.currency(), r.status(), r.reason(), r.failureCode(),
                r.createdAt());
    }

    String publicUrl() {
        if (properties.publicUrl() != null && !properties.publicUrl().isBlank()) {
            return properties.publicUrl().replaceAll("/+$", "");
        }
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    private CardNumber card(PaymentRow row) {
        return CardNumber.parse(vault.open(row.cardSealed(), row.id()))
                .orElseThrow(() -> new IllegalStateException("payment " + row.id() + " holds no valid card"));
    }

    private PaymentRow own(String merchantId, String paymentId) {
        return store.payment(merchantId, paymentId).orElseThrow(() -> ApiException.notFound("payment", paymentId));
    }

    Merchant merchant(String merchantId) {
        return merchants.find(merchantId).orElseThrow(() -> ApiException.notFound("merchant", merchantId));
    }

    static ApiException unexpectedState(PaymentRow row, String action) {
        return ApiException.conflict("payment_unexpected_state",
                "This payment cannot be " + action + " because it is " + row.status().wireName() + ".");
    }

    static ApiException channelRefused(ChannelResult answer, String what) {
        return switch (answer) {
            case ChannelResult.Declined d -> ApiException.conflict("payment_unexpected_state", "The channel refused the " + what + ": " + d.message());
            default -> new ApiException(503, ErrorType.API_ERROR, "channel_unavailable",
                    "The channel did not answer the " + what + "; retry with the same Idempotency-Key.", null);
        };
    }

    private String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    PaymentsProperties.Resolver resolver() {
        return properties.resolver();
    }

    <T> T inTx(Supplier<T> work) {
        return tx.execute(s -> work.get());
    }

    Instant now() {
        return DbTimes.now(clock);
    }
}
