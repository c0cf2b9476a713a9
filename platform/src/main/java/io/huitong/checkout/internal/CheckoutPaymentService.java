package io.huitong.checkout.internal;

import io.huitong.checkout.CheckoutPayments;
import io.huitong.checkout.CheckoutSession;
import io.huitong.checkout.PaymentAttempt;
import io.huitong.checkout.PaymentMethods;
import io.huitong.kernel.ApiException;
import io.huitong.payments.NewPayment;
import io.huitong.payments.Payment;
import io.huitong.payments.PaymentAnswer;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Payments;
import io.huitong.payments.RequestKey;
import io.huitong.risk.RiskContext;
import io.huitong.vault.Vault;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/** The payer's payments on a checkout page (see {@link CheckoutPayments}); the Huitong wallet's in {@link WalletCheckout}. */
final class CheckoutPaymentService implements CheckoutPayments {

    /** The keyed fingerprints a coupon's per-payer limit counts cards, bank accounts and e-CNY wallets by. */
    static final String PAYER_PURPOSE = "checkout-payer";

    private final SessionStore sessions;
    private final Attempts attempts;
    private final Payments payments;
    private final Vault vault;
    private final JsonMapper json;
    private final WalletCheckout wallets;

    CheckoutPaymentService(SessionStore sessions, Attempts attempts, Payments payments, Vault vault, JsonMapper json,
                           WalletCheckout.Login login) {
        this.sessions = sessions;
        this.attempts = attempts;
        this.payments = payments;
        this.vault = vault;
        this.json = json;
        this.wallets = new WalletCheckout(this, attempts, sessions, payments, login);
    }

    @Override
    public PaymentAttempt payByCard(String sessionId, NewPayment.CardInput card, RiskContext context) {
        String payer = vault.fingerprint(PAYER_PURPOSE, "card:" + card.number());
        return pay(sessionId, PaymentMethods.CARD, payer, s -> new NewPayment(s.amountTotal(), s.currency(),
                new NewPayment.PaymentMethodInput("card", card, null, null, null), "automatic", true, s.description(),
                metadata(s), context));
    }

    @Override
    public PaymentAttempt showQr(String sessionId) {
        Optional<CheckoutSession> found = sessions.find(sessionId);
        if (found.isPresent()) {
            Optional<Payment> waiting = waitingQr(found.get());
            if (waiting.isPresent()) {
                return new PaymentAttempt.Made(found.get(), waiting.get());
            }
        }
        // the same code serves the wallet operator's app and the Huitong wallet's
        String method = found.isPresent() && !found.get().allows(PaymentMethods.QR) ? PaymentMethods.WALLET : PaymentMethods.QR;
        return pay(sessionId, method, null, CheckoutPaymentService::qr);
    }

    @Override
    public PaymentAttempt payFromWallet(String sessionId, String phone, String password, String otp, String clientAddress,
                                        RiskContext context) {
        return wallets.pay(sessionId, phone, password, otp, clientAddress, context);
    }

    @Override
    public PaymentAttempt payByEcny(String sessionId, NewPayment.EcnyInput wallet) {
        String payer = vault.fingerprint(PAYER_PURPOSE, "ecny:" + wallet.walletId());
        return pay(sessionId, PaymentMethods.ECNY, payer, s -> new NewPayment(s.amountTotal(), s.currency(),
                new NewPayment.PaymentMethodInput("ecny", null, null, wallet, null), "automatic", true, s.description(), metadata(s),
                null));
    }

    @Override
    public PaymentAttempt payByBankTransfer(String sessionId, NewPayment.BankAccountInput account) {
        String payer = vault.fingerprint(PAYER_PURPOSE, "bank:" + account.bankCode() + ":" + account.accountNumber());
        return pay(sessionId, PaymentMethods.BANK_TRANSFER, payer, s -> new NewPayment(s.amountTotal(), s.currency(),
                new NewPayment.PaymentMethodInput("bank_transfer", null, account, null, null), "automatic", true, s.description(),
                metadata(s), null));
    }

    @Override
    public Optional<Payment> latestPayment(CheckoutSession session) {
        return session.paymentId() == null ? Optional.empty() : payments.find(session.merchantId(), session.paymentId());
    }

    @Override
    public void abandon(String sessionId) {
        sessions.find(sessionId).filter(CheckoutSession::open).ifPresent(this::clearWaiting);
    }

    /** A QR code payment of the session's total, waiting to be scanned by the wallet operator's app or the Huitong wallet's. */
    static NewPayment qr(CheckoutSession s) {
        return new NewPayment(s.amountTotal(), s.currency(), new NewPayment.PaymentMethodInput("qr", null, null, null, null), "automatic",
                true, s.description(), metadata(s), null);
    }

    /** The QR code payment of the session still waiting to be scanned, if there is one. */
    Optional<Payment> waitingQr(CheckoutSession session) {
        return latestPayment(session).filter(p -> p.paymentMethod() != null && "qr".equals(p.paymentMethod().type())
                && "requires_action".equals(p.status()) && p.nextAction() != null && p.nextAction().qrPayload() != null);
    }

    /**
     * Pays the session by {@code method}: a payment still waiting for the payer by another method is canceled first, the
     * attempt readied (coupon reserved), then the payment created under the attempt's key.
     */
    PaymentAttempt pay(String sessionId, String method, String payer, Function<CheckoutSession, NewPayment> request) {
        Optional<CheckoutSession> found = sessions.find(sessionId);
        if (found.isEmpty()) {
            return new PaymentAttempt.Refused("resource_missing", "No such checkout session.", null);
        }
        if (!found.get().allows(method)) {
            return new PaymentAttempt.Refused("payment_method_not_allowed", "The merchant does not take " + method + " here.", null);
        }
        PaymentAttempt.Refused busy = clearWaiting(found.get());
        if (busy != null) {
            return busy;
        }
        return switch (attempts.prepare(sessionId, payer)) {
            case Attempts.Prepared.Missing m -> new PaymentAttempt.Refused("resource_missing", "No such checkout session.", null);
            case Attempts.Prepared.Closed c -> new PaymentAttempt.Refused("checkout_session_" + c.session().status(),
                    "The checkout session is " + c.session().status() + ".", null);
            case Attempts.Prepared.CouponRefused c -> new PaymentAttempt.Refused(c.reason().code(), "The coupon does not apply.", "coupon");
            case Attempts.Prepared.Ready r -> create(r.session(), method, request);
        };
    }

    private PaymentAttempt create(CheckoutSession session, String method, Function<CheckoutSession, NewPayment> request) {
        try {
            NewPayment payment = request.apply(session);
            RequestKey key = new RequestKey(session.id() + ":" + session.attempt(), null, null);
            Payment made = switch (payments.create(session.merchantId(), payment, key)) {
                case PaymentAnswer.Fresh fresh -> fresh.payment();
                case PaymentAnswer.Replay replay when replay.refusal() != null -> throw new PaymentRefused(replay.refusal());
                // the attempt's payment was made by a request of the payer's still running (Pay pressed twice)
                case PaymentAnswer.Replay replay -> payments.find(session.merchantId(), json.readTree(replay.body()).path("id").asString())
                        .orElse(null);
            };
            if (made == null) {
                return new PaymentAttempt.Refused("payment_processing", "A payment of this checkout is being processed.", null);
            }
            sessions.recordPayment(session.id(), session.merchantId(), session.attempt(), made.id(), method);
            return new PaymentAttempt.Made(sessions.find(session.id()).orElseThrow(), made);
        } catch (PaymentRefused e) {
            return new PaymentAttempt.Refused(e.refusal().code(), e.getMessage(), param(e));
        } catch (ApiException e) {
            return new PaymentAttempt.Refused(e.code(), e.getMessage(), e.param());
        }
    }

    /** Cancels the session's payment still waiting for the payer; refuses while one is with its channel. */
    PaymentAttempt.Refused clearWaiting(CheckoutSession session) {
        Optional<Payment> latest = latestPayment(session);
        if (latest.isEmpty()) {
            return null;
        }
        String status = latest.get().status();
        if (status.equals("processing")) {
            return new PaymentAttempt.Refused("payment_processing", "A payment of this checkout is being processed.", null);
        }
        if (status.equals("requires_action") || status.equals("requires_confirmation")) {
            try {
                payments.cancel(session.merchantId(), latest.get().id());
            } catch (PaymentRefused e) {
                // it moved on meanwhile (paid, expired): the attempt's state says what may happen next
            }
        }
        return null;
    }

    static Map<String, String> metadata(CheckoutSession s) {
        return Map.of(PaymentOutcomes.SESSION, s.id(), PaymentOutcomes.ATTEMPT, Integer.toString(s.attempt()));
    }

    private static String param(PaymentRefused e) {
        return switch (e.refusal()) {
            case io.huitong.payments.Refusal.InvalidParameter p -> p.param();
            case io.huitong.payments.Refusal.Declined d -> d.param();
            default -> null;
        };
    }
}
