package io.huitong.web.pages.merchant;

import io.huitong.checkout.Coupons;
import io.huitong.checkout.NewCoupon;
import io.huitong.identity.Merchant;
import io.huitong.identity.Merchants;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.PageRequest;
import io.huitong.merchantusers.Permission;
import io.huitong.web.pages.wallet.Amounts;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Coupons (the checkout's): the list with how much each was used, and, for owners, creating one (through the same
 * service as {@code POST /v1/coupons}), pausing and resuming it.
 */
@Hidden
@Controller
@RequestMapping("/merchant/coupons")
class MerchantCouponsController {

    private static final Set<String> DONE = Set.of("created", "paused", "resumed");

    private final Coupons coupons;
    private final Merchants merchants;
    private final MerchantErrors errors;

    MerchantCouponsController(Coupons coupons, Merchants merchants, MerchantErrors errors) {
        this.coupons = coupons;
        this.merchants = merchants;
        this.errors = errors;
    }

    @GetMapping
    @Allowed(Permission.COUPONS_VIEW)
    String list(Staff staff, @RequestParam(required = false) String after, @RequestParam(required = false) String done, Model model) {
        model.addAttribute("done", MerchantAccessController.doneMessage(DONE, done));
        if (after != null && !after.matches("cpn_[0-9A-Z]{26}")) {
            throw ApiException.invalid("after", "after must be a coupon's id");
        }
        return show(staff, after, model);
    }

    private String show(Staff staff, String after, Model model) {
        model.addAttribute("coupons", coupons.list(staff.merchantId(), new PageRequest(50, after, null)));
        model.addAttribute("currency", merchants.find(staff.merchantId()).map(Merchant::defaultCurrency).orElse(Amounts.CURRENCY));
        return "merchant/coupons";
    }

    @PostMapping
    @Allowed(Permission.COUPONS_MANAGE)
    String create(Staff staff, @RequestParam(name = "coupon_code", required = false) String code,
                  @RequestParam(required = false) String kind, @RequestParam(name = "amount_off", required = false) String amountOff,
                  @RequestParam(name = "percent_off", required = false) String percentOff,
                  @RequestParam(name = "minimum_amount", required = false) String minimum,
                  @RequestParam(name = "valid_until", required = false) String validUntil,
                  @RequestParam(name = "max_redemptions", required = false) String maxRedemptions,
                  HttpServletResponse response, Model model) {
        String currency = merchants.find(staff.merchantId()).map(Merchant::defaultCurrency).orElse(Amounts.CURRENCY);
        try {
            boolean percent = "percent".equals(kind);
            NewCoupon request = new NewCoupon(code, percent ? null : Amounts.parse(amountOff, currency),
                    percent ? whole(percentOff, "percent_off") : null, percent ? null : currency,
                    blank(minimum) ? null : Amounts.parse(minimum, currency), null, endOfDay(validUntil),
                    whole(maxRedemptions, "max_redemptions"), null);
            coupons.create(staff.merchantId(), request);
            return "redirect:/merchant/coupons?done=created";
        } catch (ApiException e) {
            HttpStatus status = errors.show(model, e);
            model.addAttribute("typedCode", code);
            String page = show(staff, null, model);
            response.setStatus(status.value());
            return page;
        }
    }

    @PostMapping("/{id}/pause")
    @Allowed(Permission.COUPONS_MANAGE)
    String pause(Staff staff, @PathVariable String id) {
        coupons.pause(staff.merchantId(), id);
        return "redirect:/merchant/coupons?done=paused";
    }

    @PostMapping("/{id}/resume")
    @Allowed(Permission.COUPONS_MANAGE)
    String resume(Staff staff, @PathVariable String id) {
        coupons.resume(staff.merchantId(), id);
        return "redirect:/merchant/coupons?done=resumed";
    }

    private static Integer whole(String typed, String field) {
        if (blank(typed)) {
            return null;
        }
        if (!typed.strip().matches("[0-9]{1,10}")) {
            throw ApiException.invalid(field, field + " must be a whole number");
        }
        long value = Long.parseLong(typed.strip());
        if (value > Integer.MAX_VALUE) {
            throw ApiException.invalid(field, field + " is too large");
        }
        return (int) value;
    }

    /** The last moment of the day in China, as the API takes it (RFC 3339). */
    private static String endOfDay(String day) {
        if (blank(day)) {
            return null;
        }
        try {
            return LocalDate.parse(day.strip()).plusDays(1).atStartOfDay(Amounts.ZONE).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("valid_until", "valid_until must be a date such as 2026-12-31");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
