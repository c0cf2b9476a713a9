package io.huitong.payments.internal;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.payments.Payment;
import io.huitong.payments.PaymentFilter;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Refund;
import io.huitong.payments.Refusal;
import io.huitong.payments.domain.OrderDetails;
import io.huitong.payments.domain.PaymentRecord;
import io.huitong.payments.domain.PaymentStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;

/** Payments and refunds as the API shows them, and the answer a request about a payment gets. */
class PaymentViews {

    private static final String AUTHENTICATE_PATH = "/pay/authenticate/";

    private final PaymentStore payments;
    private final RefundStore refunds;
    private final Supplier<String> publicUrl;

    PaymentViews(PaymentStore payments, RefundStore refunds, Supplier<String> publicUrl) {
        this.payments = payments;
        this.refunds = refunds;
        this.publicUrl = publicUrl;
    }

    Optional<Payment> find(String merchantId, String paymentId) {
        return payments.find(merchantId, paymentId).map(this::view);
    }

    Page<Payment> list(String merchantId, PaymentFilter filter, PageRequest page) {
        return payments.list(merchantId, filter, page).map(this::view);
    }

    Optional<Refund> findRefund(String merchantId, String refundId) {
        return refunds.find(merchantId, refundId).map(PaymentViews::view);
    }

    Page<Refund> listRefunds(String merchantId, String paymentId, PageRequest page) {
        return refunds.list(merchantId, paymentId, page).map(PaymentViews::view);
    }

    /** The merchant's own payment, or a refusal as if it did not exist. */
    PaymentRecord own(String merchantId, String paymentId) {
        return payments.find(merchantId, paymentId).orElseThrow(() -> PaymentRefused.notFound("payment", paymentId));
    }

    /** The payment waiting for step-up authentication behind this hosted-page token. */
    Optional<PaymentRecord> withToken(String paymentId, String token) {
        if (paymentId == null || token == null || !paymentId.startsWith("pay_")) {
            return Optional.empty();
        }
        return payments.find(paymentId).filter(p -> p.actionToken() != null && MessageDigest.isEqual(
                p.actionToken().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)));
    }

    /** The answer to a request about this payment: the payment, or the refusal of a declined one, naming it. */
    Payment answer(PaymentRecord p) {
        Optional<Refusal> refused = refusal(p);
        if (refused.isPresent()) {
            throw new PaymentRefused(refused.get());
        }
        return view(p);
    }

    /** The answer to the request that created the payment, with the body kept for its repeats, if it was just kept. */
    io.huitong.payments.PaymentAnswer.Fresh fresh(PaymentRecord p) {
        return new io.huitong.payments.PaymentAnswer.Fresh(answer(p), p.answer().body());
    }

    /** A declined payment's refusal, naming it; empty for any other. */
    Optional<Refusal> refusal(PaymentRecord p) {
        if (p.status() != PaymentStatus.FAILED || p.failure().code() == null) {
            return Optional.empty();
        }
        Refusal.DeclinedBy by = p.failure().isRiskBlock() ? Refusal.DeclinedBy.RISK : p.isCard() ? Refusal.DeclinedBy.CARD
                : Refusal.DeclinedBy.CHANNEL;
        return Optional.of(new Refusal.Declined(by, p.failure().code(), p.failure().message(), null, p.id()));
    }

    Payment view(PaymentRecord p) {
        OrderDetails o = p.order();
        Payment.NextAction next = null;
        if (p.status() == PaymentStatus.REQUIRES_ACTION && p.actionToken() != null) {
            next = Payment.NextAction.authenticate(publicUrl.get() + AUTHENTICATE_PATH + p.id() + "?token=" + p.actionToken());
        } else if (p.status() == PaymentStatus.REQUIRES_ACTION && o.qrPayload() != null) {
            next = Payment.NextAction.displayQr(o.qrPayload(), o.expiresAt());
        }
        Payment.Risk risk = p.risk() == null ? null : new Payment.Risk(p.risk().decision().wireName(), p.risk().score(), p.risk().reasons());
        return new Payment(p.id(), "payment", p.amounts().amount(), p.currency(), p.status().wireName(), p.amounts().capturable(),
                p.amounts().received(), p.amounts().refunded(), p.capture().wireName(), method(p), p.channel().name(), next,
                p.failure().code(), p.failure().message(), risk, p.intent().description(), p.intent().metadata(), p.createdAt(),
                p.updatedAt());
    }

    private static Payment.PaymentMethod method(PaymentRecord p) {
        OrderDetails o = p.order();
        return switch (p.method()) {
            case CARD -> new Payment.PaymentMethod("card", new Payment.Card(p.card().brand(), p.card().last4(), p.card().expMonth(),
                    p.card().expYear()), null, null);
            case BANK_TRANSFER -> new Payment.PaymentMethod("bank_transfer", null,
                    new Payment.BankTransfer(o.payerBankCode(), o.payerLast4(), o.payerName()), null);
            case ECNY -> new Payment.PaymentMethod("ecny", null, null, new Payment.Ecny(o.payerLast4()));
            case QR, PAYMENT_CODE -> new Payment.PaymentMethod(p.method().wireName(), null, null, null);
        };
    }

    static Refund view(RefundRow r) {
        return new Refund(r.id(), "refund", r.paymentId(), r.money().amount(), r.money().currency(), r.status().wireName(), r.reason(),
                r.failureCode(), r.createdAt());
    }
}
