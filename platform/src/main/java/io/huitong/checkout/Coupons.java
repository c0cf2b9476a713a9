package io.huitong.checkout;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.Optional;

/** A merchant's coupons. A code is the merchant's own: another merchant may use the same (409 if the merchant has it). */
public interface Coupons {

    Coupon create(String merchantId, NewCoupon request);

    Optional<Coupon> find(String merchantId, String couponId);

    Page<Coupon> list(String merchantId, PageRequest page);

    /** Pauses a coupon: from now on payers can neither apply it nor pay with it. Pausing a paused one changes nothing. */
    Coupon pause(String merchantId, String couponId);

    /** Lets payers use a paused coupon again. */
    Coupon resume(String merchantId, String couponId);
}
