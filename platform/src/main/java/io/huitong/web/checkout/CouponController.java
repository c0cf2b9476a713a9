package io.huitong.web.checkout;

import io.huitong.checkout.Coupon;
import io.huitong.checkout.Coupons;
import io.huitong.checkout.NewCoupon;
import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's coupons (docs/checkout.md, "Coupons"): codes a payer enters on the checkout page. */
@RestController
@RequestMapping("/v1/coupons")
@Tag(name = "Coupons", description = """
        A coupon takes amount_off (minor units, in its currency) or percent_off (whole percent, 1 to 99, the discount \
        rounded half up to the minor unit) off a checkout session's amount. It is redeemed when the payment succeeds; \
        max_redemptions holds also for payers at once.""")
class CouponController {

    private final Coupons coupons;

    CouponController(Coupons coupons) {
        this.coupons = coupons;
    }

    record CouponView(String id, @Schema(allowableValues = "coupon") String object, String code, Long amountOff, Integer percentOff,
                      String currency, Long minimumAmount, Instant validFrom, Instant validUntil, Integer maxRedemptions,
                      Integer maxRedemptionsPerPayer,
                      @Schema(description = "Payments with the coupon that succeeded") int timesRedeemed, Instant createdAt) {

        static CouponView of(Coupon c) {
            return new CouponView(c.id(), "coupon", c.code(), c.amountOff(), c.percentOff(), c.currency(), c.minimumAmount(), c.validFrom(),
                    c.validUntil(), c.maxRedemptions(), c.maxRedemptionsPerPayer(), c.timesRedeemed(), c.createdAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a coupon",
            description = "code: 1 to 64 letters, digits, '-' or '_', matched without regard to case (kept upper-case); one of "
                    + "amount_off (with currency) and percent_off; valid_from / valid_until RFC 3339; a code the merchant has "
                    + "already is 409 coupon_code_taken.")
    CouponView create(ApiPrincipal caller, @RequestBody NewCoupon body) {
        return CouponView.of(coupons.create(caller.merchantId(), body));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Retrieve a coupon; another merchant's is not found (404)")
    CouponView get(ApiPrincipal caller, @PathVariable String id) {
        return CouponView.of(coupons.find(caller.merchantId(), id).orElseThrow(() -> ApiException.notFound("coupon", id)));
    }

    @GetMapping
    @Operation(summary = "List coupons, newest first")
    Page<CouponView> list(ApiPrincipal caller, PageRequest page) {
        return coupons.list(caller.merchantId(), page).map(CouponView::of);
    }
}
