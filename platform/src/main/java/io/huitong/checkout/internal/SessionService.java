package io.huitong.checkout.internal;

import io.huitong.checkout.CheckoutPayments;
import io.huitong.checkout.CheckoutSession;
import io.huitong.checkout.CheckoutSessions;
import io.huitong.checkout.NewCheckoutSession;
import io.huitong.checkout.NewCoupon;
import io.huitong.checkout.CouponVerdict;
import io.huitong.checkout.domain.SessionStatus;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Checkout sessions: created by merchants, read by them and by the page, and the coupon the payer enters. */
final class SessionService implements CheckoutSessions {

    private final SessionStore sessions;
    private final CouponStore coupons;
    private final CheckoutPayments payments;
    private final Clock clock;
    private final Ids ids;

    SessionService(SessionStore sessions, CouponStore coupons, CheckoutPayments payments, Clock clock, Ids ids) {
        this.sessions = sessions;
        this.coupons = coupons;
        this.payments = payments;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public CheckoutSession create(String merchantId, NewCheckoutSession r) {
        Instant now = DbTimes.now(clock);
        CheckoutSession session = new CheckoutSession(ids.next("cs"), merchantId, SessionStatus.OPEN.wireName(), r.amount(), r.currency(),
                r.description(), r.lineItems(), r.successUrl(), r.cancelUrl(), r.allowedMethods(), r.metadata(), null, null, 0, 1, null,
                null, now.plusSeconds(r.expiresIn()), null, now);
        sessions.insert(session);
        return session;
    }

    @Override
    public Optional<CheckoutSession> find(String merchantId, String sessionId) {
        return sessions.findOwn(merchantId, sessionId);
    }

    @Override
    public Page<CheckoutSession> list(String merchantId, PageRequest page) {
        return sessions.list(merchantId, page);
    }

    @Override
    public Optional<CheckoutSession> open(String sessionId) {
        return sessions.find(sessionId);
    }

    @Override
    public CouponVerdict applyCoupon(String sessionId, String code) {
        CheckoutSession session = openOrRefuse(sessionId);
        String normalized;
        try {
            normalized = NewCoupon.normalizeCode(code);
        } catch (ApiException e) {
            return new CouponVerdict.Refused(CouponVerdict.Reason.UNKNOWN);
        }
        Optional<CouponStore.Row> coupon = coupons.findByCode(session.merchantId(), normalized);
        if (coupon.isEmpty() || coupon.get().coupon().paused()) {
            // a coupon its merchant paused is, to the payer, no valid code
            return new CouponVerdict.Refused(CouponVerdict.Reason.UNKNOWN);
        }
        CouponVerdict verdict = coupon.get().coupon().terms().judge(session.amount(), session.currency(), DbTimes.now(clock),
                coupon.get().claimed());
        if (verdict instanceof CouponVerdict.Applies applies) {
            // a payment waiting for the payer is for the old total: it goes before the total changes
            payments.abandon(sessionId);
            sessions.setCoupon(sessionId, coupon.get().coupon().id(), applies.discount());
        }
        return verdict;
    }

    @Override
    public void removeCoupon(String sessionId) {
        openOrRefuse(sessionId);
        payments.abandon(sessionId);
        sessions.setCoupon(sessionId, null, 0);
    }

    private CheckoutSession openOrRefuse(String sessionId) {
        CheckoutSession session = sessions.find(sessionId).orElseThrow(() -> ApiException.notFound("checkout session", sessionId));
        if (!session.open()) {
            throw ApiException.conflict("checkout_session_" + session.status(), "The checkout session is " + session.status() + ".");
        }
        return session;
    }
}
