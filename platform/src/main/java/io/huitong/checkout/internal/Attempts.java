package io.huitong.checkout.internal;

import io.huitong.checkout.CheckoutSession;
import io.huitong.checkout.CouponVerdict;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import java.time.Clock;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Readies a session's next payment, one at a time per session (its row is locked): the session must be open, and the
 * coupon entered on it must still apply and have a redemption left for this attempt, which is then reserved for it.
 * Reserving twice for one attempt (a payer pressing Pay twice) reserves once.
 */
final class Attempts {

    /** What the payment may do next. */
    sealed interface Prepared {
        record Ready(CheckoutSession session) implements Prepared {
        }

        record Missing() implements Prepared {
        }

        record Closed(CheckoutSession session) implements Prepared {
        }

        record CouponRefused(CouponVerdict.Reason reason) implements Prepared {
        }
    }

    private final SessionStore sessions;
    private final CouponStore coupons;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Ids ids;

    Attempts(SessionStore sessions, CouponStore coupons, TransactionTemplate tx, Clock clock, Ids ids) {
        this.sessions = sessions;
        this.coupons = coupons;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
    }

    /** {@code payer}: who pays, as the coupon's per-payer limit counts them, or null when the method does not say. */
    Prepared prepare(String sessionId, String payer) {
        return tx.execute(status -> {
            CheckoutSession session = sessions.lock(sessionId).orElse(null);
            if (session == null) {
                return new Prepared.Missing();
            }
            if (!session.open()) {
                return new Prepared.Closed(session);
            }
            if (session.couponId() != null) {
                CouponVerdict.Reason refused = reserve(session, payer);
                if (refused != null) {
                    status.setRollbackOnly();
                    return new Prepared.CouponRefused(refused);
                }
            }
            return new Prepared.Ready(session);
        });
    }

    /** Names the payer of the attempt's reservation once known; refuses when the payer used the coupon up already. */
    CouponVerdict.Reason namePayer(CheckoutSession session, String payer) {
        if (session.couponId() == null) {
            return null;
        }
        return tx.execute(status -> {
            CouponStore.Row coupon = coupons.lock(session.couponId());
            Integer perPayer = coupon.coupon().maxRedemptionsPerPayer();
            if (perPayer != null && coupons.heldBy(coupon.coupon().id(), payer, session.id()) >= perPayer) {
                return CouponVerdict.Reason.PAYER_LIMIT;
            }
            coupons.namePayer(session.id(), session.attempt(), payer);
            return null;
        });
    }

    private CouponVerdict.Reason reserve(CheckoutSession session, String payer) {
        if (coupons.redemptionStatus(session.id(), session.attempt()).isPresent()) {
            return null;
        }
        CouponStore.Row coupon = coupons.lock(session.couponId());
        if (coupon.coupon().paused()) {
            return CouponVerdict.Reason.UNKNOWN;
        }
        CouponVerdict verdict = coupon.coupon().terms().judge(session.amount(), session.currency(), DbTimes.now(clock), coupon.claimed());
        if (verdict instanceof CouponVerdict.Refused refused) {
            return refused.reason();
        }
        Integer perPayer = coupon.coupon().maxRedemptionsPerPayer();
        if (perPayer != null) {
            if (payer == null) {
                return CouponVerdict.Reason.PAYER_UNKNOWN;
            }
            if (coupons.heldBy(coupon.coupon().id(), payer, session.id()) >= perPayer) {
                return CouponVerdict.Reason.PAYER_LIMIT;
            }
        }
        if (!coupons.claim(coupon.coupon().id())) {
            return CouponVerdict.Reason.USED_UP;
        }
        coupons.reserve(ids.next("cpr"), coupon.coupon().id(), session.id(), session.attempt(), payer, DbTimes.now(clock));
        return null;
    }
}
