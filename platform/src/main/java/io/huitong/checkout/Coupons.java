package io.huitong.checkout;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.Optional;

/** A merchant's coupons. A code is the merchant's own: another merchant may use the same (409 if the merchant has it). */
public interface Coupons {

    Coupon create(String merchantId, NewCoupon request);

    Optional<Coupon> find(String merchantId, String couponId);

    Page<Coupon> list(String merchantId, PageRequest page);
}
