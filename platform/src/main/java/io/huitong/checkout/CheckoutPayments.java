package io.huitong.checkout;

import io.huitong.payments.NewPayment;
import io.huitong.payments.Payment;
import io.huitong.risk.RiskContext;
import java.util.Optional;

/**
 * The payer pays a checkout session on its page: the total (after the coupon) is paid by a payment of the session's
 * merchant, created through payments with the idempotency key {@code <session>:<attempt>} and the session's id in
 * its metadata ({@code checkout_session}). A payment still waiting for the payer (a QR code on show, a step-up) is
 * canceled when the payer chooses another method. A coupon's redemption is reserved when the payment starts and made
 * when it succeeds.
 */
public interface CheckoutPayments {

    PaymentAttempt payByCard(String sessionId, NewPayment.CardInput card, RiskContext context);

    /** The QR code payment to show: the one waiting to be scanned, or a new one. */
    PaymentAttempt showQr(String sessionId);

    /** The payer logs in to their Huitong wallet on the page and pays from its balance; the session is not kept. */
    PaymentAttempt payFromWallet(String sessionId, String phone, String password, String otp, String clientAddress, RiskContext context);

    PaymentAttempt payByEcny(String sessionId, NewPayment.EcnyInput wallet);

    PaymentAttempt payByBankTransfer(String sessionId, NewPayment.BankAccountInput account);

    /** The session's latest payment, as payments has it now. */
    Optional<Payment> latestPayment(CheckoutSession session);

    /** The payer leaves for the merchant's cancel page: a payment still waiting for them is canceled. */
    void abandon(String sessionId);
}
