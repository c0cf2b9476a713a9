package io.huitong.checkout;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.Optional;

/** Merchants' checkout sessions, and what the payer does to one on its page before paying. */
public interface CheckoutSessions {

    CheckoutSession create(String merchantId, NewCheckoutSession request);

    /** The merchant's own session; another merchant's is not found. */
    Optional<CheckoutSession> find(String merchantId, String sessionId);

    Page<CheckoutSession> list(String merchantId, PageRequest page);

    /** The session behind a checkout page (its id is the page's address), whoever asks. */
    Optional<CheckoutSession> open(String sessionId);

    /**
     * The payer enters a coupon code: applied to the session when the coupon applies to it now (it is redeemed only
     * when the payment succeeds), otherwise the reason it does not. An unknown code is {@link CouponVerdict.Reason#UNKNOWN}.
     */
    CouponVerdict applyCoupon(String sessionId, String code);

    /** The payer takes the coupon off again. */
    void removeCoupon(String sessionId);
}
