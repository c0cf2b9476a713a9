package io.huitong.payments.internal;

import io.huitong.kernel.Money;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.payments.Balance;
import io.huitong.payments.BalanceTransaction;
import io.huitong.payments.NewPayment;
import io.huitong.payments.NewRefund;
import io.huitong.payments.Payment;
import io.huitong.payments.PaymentAnswer;
import io.huitong.payments.RequestKey;
import io.huitong.payments.PaymentFilter;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Payments;
import io.huitong.payments.Refund;
import io.huitong.payments.Refusal;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import java.util.Optional;
import java.util.Set;

/** The payments API: each request handed to the one piece that carries it out. */
class PaymentsFacade implements Payments {

    private final CardFlow cards;
    private final OrderFlow orders;
    private final Confirmation confirmation;
    private final Cancellation cancellation;
    private final Captures captures;
    private final WalletQrPayments walletQr;
    private final Refunds refunds;
    private final MerchantBalance balances;
    private final MerchantLookup merchants;
    private final PaymentViews views;

    PaymentsFacade(CardFlow cards, OrderFlow orders, Confirmation confirmation, Cancellation cancellation, Captures captures,
                   WalletQrPayments walletQr, Refunds refunds, MerchantBalance balances, MerchantLookup merchants, PaymentViews views) {
        this.cards = cards;
        this.orders = orders;
        this.confirmation = confirmation;
        this.cancellation = cancellation;
        this.captures = captures;
        this.walletQr = walletQr;
        this.refunds = refunds;
        this.balances = balances;
        this.merchants = merchants;
        this.views = views;
    }

    @Override
    public Payment create(String merchantId, NewPayment request, String idempotencyKey) {
        PaymentAnswer answer = create(merchantId, request, idempotencyKey == null ? null : new RequestKey(idempotencyKey, null, null));
        return ((PaymentAnswer.Fresh) answer).payment();
    }

    @Override
    public PaymentAnswer create(String merchantId, NewPayment request, RequestKey key) {
        var merchant = merchants.of(merchantId);
        return request.paymentMethod().type().equals("card") ? cards.create(merchant, request, key) : orders.create(merchant, request, key);
    }

    @Override
    public Payment confirm(String merchantId, String paymentId) {
        return confirmation.confirm(merchantId, paymentId);
    }

    @Override
    public Payment capture(String merchantId, String paymentId, Long amount) {
        PaymentRecord payment = views.own(merchantId, paymentId);
        if (payment.status() != PaymentStatus.REQUIRES_CAPTURE) {
            throw new PaymentRefused(Refusal.WrongState.payment(payment.status().wireName(), "captured"));
        }
        long captured = amount == null ? payment.amounts().capturable() : amount;
        if (captured <= 0) {
            throw PaymentRefused.invalid("amount", "amount must be a positive integer");
        }
        if (captured > payment.amounts().capturable()) {
            throw new PaymentRefused(Refusal.InvalidParameter.tooLarge("amount",
                    "amount must be at most the amount capturable (" + payment.amounts().capturable() + ")"));
        }
        return views.view(captures.capture(payment, merchants.of(merchantId), captured, Set.of(PaymentStatus.REQUIRES_CAPTURE), "captured"));
    }

    @Override
    public Payment cancel(String merchantId, String paymentId) {
        return views.view(cancellation.cancel(merchantId, paymentId));
    }

    @Override
    public Optional<Payment> find(String merchantId, String paymentId) {
        return views.find(merchantId, paymentId);
    }

    @Override
    public Page<Payment> list(String merchantId, PaymentFilter filter, PageRequest page) {
        return views.list(merchantId, filter, page);
    }

    @Override
    public Optional<Payment> awaitingAuthentication(String paymentId, String token) {
        return views.withToken(paymentId, token).map(views::view);
    }

    @Override
    public Payment completeAuthentication(String paymentId, String token, boolean passed) {
        PaymentRecord payment = views.withToken(paymentId, token)
                .orElseThrow(() -> PaymentRefused.notFound("payment awaiting authentication", paymentId));
        return payment.status() == PaymentStatus.REQUIRES_ACTION ? cards.completeAuthentication(payment, passed) : views.view(payment);
    }

    @Override
    public Payment payFromWallet(String paymentId, String userId, Money expected) {
        return views.answer(walletQr.pay(paymentId, userId, expected));
    }

    @Override
    public Refund refund(String merchantId, NewRefund request, String idempotencyKey) {
        return refunds.refund(merchantId, request, idempotencyKey);
    }

    @Override
    public Optional<Refund> findRefund(String merchantId, String refundId) {
        return views.findRefund(merchantId, refundId);
    }

    @Override
    public Page<Refund> listRefunds(String merchantId, String paymentId, PageRequest page) {
        return views.listRefunds(merchantId, paymentId, page);
    }

    @Override
    public Balance balance(String merchantId) {
        return balances.balance(merchantId);
    }

    @Override
    public Page<BalanceTransaction> balanceTransactions(String merchantId, PageRequest page) {
        return balances.transactions(merchantId, page);
    }
}
