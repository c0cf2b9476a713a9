package io.huitong.checkout.internal;

import io.huitong.checkout.CheckoutSession;
import io.huitong.checkout.PaymentAttempt;
import io.huitong.checkout.PaymentMethods;
import io.huitong.checkout.CouponVerdict;
import io.huitong.kernel.ApiException;
import io.huitong.payments.Payment;
import io.huitong.payments.Payments;
import io.huitong.risk.RiskContext;
import java.util.Optional;

/**
 * The payer pays from their Huitong wallet on the checkout page: they log in (phone, password, and the one-time code
 * once two-factor is on), and the session's QR code payment is paid from the wallet's balance, exactly as the wallet
 * app pays it when it scans the code (the wallet's class, risk control and balance decide). The login session lasts
 * for this one payment: it is ended at once.
 */
final class WalletCheckout {

    /** A consumer's login, for this payment only. */
    interface Login {
        /** The user id behind the phone and password (and code); refused as {@code POST /v1/sessions} refuses. */
        LoggedIn login(String phone, String password, String otp, String clientAddress);

        /** Pays the QR code payment's payload from the user's wallet, as {@code POST /v1/wallet/qr_payments} does. */
        void payQr(String userId, String qrPayload, RiskContext context, String otp);

        void logout(String token);
    }

    /** A consumer logged in: who, and the session's token to end. */
    record LoggedIn(String userId, String token) {
    }

    private final CheckoutPaymentService checkout;
    private final Attempts attempts;
    private final SessionStore sessions;
    private final Payments payments;
    private final Login login;

    WalletCheckout(CheckoutPaymentService checkout, Attempts attempts, SessionStore sessions, Payments payments, Login login) {
        this.checkout = checkout;
        this.attempts = attempts;
        this.sessions = sessions;
        this.payments = payments;
        this.login = login;
    }

    PaymentAttempt pay(String sessionId, String phone, String password, String otp, String clientAddress, RiskContext context) {
        Optional<CheckoutSession> found = sessions.find(sessionId);
        if (found.isEmpty()) {
            return new PaymentAttempt.Refused("resource_missing", "No such checkout session.", null);
        }
        if (!found.get().allows(PaymentMethods.WALLET)) {
            return new PaymentAttempt.Refused("payment_method_not_allowed", "The merchant does not take the wallet here.", null);
        }
        LoggedIn user;
        try {
            user = login.login(phone, password, otp, clientAddress);
        } catch (ApiException e) {
            return new PaymentAttempt.Refused(e.code(), e.getMessage(), e.param());
        }
        try {
            return payAs(found.get(), user.userId(), otp, context);
        } finally {
            login.logout(user.token());
        }
    }

    private PaymentAttempt payAs(CheckoutSession session, String userId, String otp, RiskContext context) {
        String payer = "user:" + userId;
        Payment qr = checkout.waitingQr(session).orElse(null);
        if (qr == null) {
            PaymentAttempt started = checkout.pay(session.id(), PaymentMethods.WALLET, payer, CheckoutPaymentService::qr);
            if (!(started instanceof PaymentAttempt.Made made)) {
                return started;
            }
            qr = made.payment();
            session = made.session();
        } else {
            CouponVerdict.Reason refused = attempts.namePayer(session, payer);
            if (refused != null) {
                return new PaymentAttempt.Refused(refused.code(), "The coupon does not apply.", "coupon");
            }
            sessions.recordPayment(session.id(), session.merchantId(), session.attempt(), qr.id(), PaymentMethods.WALLET);
        }
        if (qr.nextAction() == null || qr.nextAction().qrPayload() == null) {
            return new PaymentAttempt.Refused("payment_unexpected_state", "The payment is not waiting to be paid.", null);
        }
        try {
            login.payQr(userId, qr.nextAction().qrPayload(), context, otp);
        } catch (ApiException e) {
            return new PaymentAttempt.Refused(e.code(), e.getMessage(), e.param());
        } catch (io.huitong.payments.PaymentRefused e) {
            return new PaymentAttempt.Refused(e.refusal().code(), e.getMessage(), null);
        }
        String paymentId = qr.id();
        CheckoutSession now = sessions.find(session.id()).orElseThrow();
        return new PaymentAttempt.Made(now, payments.find(now.merchantId(), paymentId).orElseThrow());
    }
}
