package io.huitong.checkout.internal;

import io.huitong.checkout.Coupon;
import io.huitong.checkout.Coupons;
import io.huitong.checkout.NewCoupon;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.DbTimes;
import io.huitong.kernel.Ids;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;

/** A merchant's coupons. */
final class CouponService implements Coupons {

    private final CouponStore coupons;
    private final Clock clock;
    private final Ids ids;

    CouponService(CouponStore coupons, Clock clock, Ids ids) {
        this.coupons = coupons;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Coupon create(String merchantId, NewCoupon r) {
        if (coupons.codeTaken(merchantId, r.code())) {
            throw codeTaken();
        }
        Coupon coupon = new Coupon(ids.next("cpn"), merchantId, r.code(), r.amountOff(), r.percentOff(), r.currency(), r.minimumAmount(),
                r.validFromInstant(), r.validUntilInstant(), r.maxRedemptions(), r.maxRedemptionsPerPayer(), 0, DbTimes.now(clock), null);
        try {
            coupons.insert(coupon);
        } catch (DuplicateKeyException e) {
            throw codeTaken();
        }
        return coupon;
    }

    @Override
    public Optional<Coupon> find(String merchantId, String couponId) {
        return coupons.find(merchantId, couponId);
    }

    @Override
    public Page<Coupon> list(String merchantId, PageRequest page) {
        return coupons.list(merchantId, page);
    }

    @Override
    public Coupon pause(String merchantId, String couponId) {
        if (!coupons.setPaused(merchantId, couponId, DbTimes.now(clock))) {
            throw ApiException.notFound("coupon", couponId);
        }
        return coupons.find(merchantId, couponId).orElseThrow();
    }

    @Override
    public Coupon resume(String merchantId, String couponId) {
        if (!coupons.setPaused(merchantId, couponId, null)) {
            throw ApiException.notFound("coupon", couponId);
        }
        return coupons.find(merchantId, couponId).orElseThrow();
    }

    private static ApiException codeTaken() {
        return ApiException.conflict("coupon_code_taken", "You have a coupon with this code already.");
    }
}
