package io.huitong.web.checkout;

import io.huitong.checkout.CheckoutPayments;
import io.huitong.checkout.CheckoutSession;
import io.huitong.checkout.CheckoutSessions;
import io.huitong.checkout.CouponVerdict;
import io.huitong.kernel.ApiException;
import io.huitong.payments.Payment;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The hosted checkout page (docs/checkout.md, "The page"): the order, a coupon field and the methods the session
 * allows; the QR code page and the result page, which wait for the payment with htmx; leaving for the merchant's pages.
 * Forms post back here only: the merchant's pages are reached by links and navigation from a result page.
 */
@Hidden
@Controller
@RequestMapping("/checkout/{id}")
class CheckoutPageController {

    static final String PAGE = "checkout/page";

    private final CheckoutSessions sessions;
    private final CheckoutPayments payments;
    private final CheckoutView view;

    CheckoutPageController(CheckoutSessions sessions, CheckoutPayments payments, CheckoutView view) {
        this.sessions = sessions;
        this.payments = payments;
        this.view = view;
    }

    @GetMapping
    String page(@PathVariable String id, Model model, Locale locale, HttpServletResponse response) {
        Optional<CheckoutSession> found = sessions.open(id);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        if (!found.get().open()) {
            return "redirect:/checkout/" + id + "/result";
        }
        noStore(response);
        view.fill(model, found.get(), locale);
        return PAGE;
    }

    @PostMapping("/coupon")
    String applyCoupon(@PathVariable String id, @RequestParam(required = false) String code, Model model, Locale locale,
                       HttpServletResponse response) {
        try {
            CouponVerdict verdict = sessions.applyCoupon(id, code == null ? "" : code);
            if (verdict instanceof CouponVerdict.Refused refused) {
                return again(id, "coupon", refused.reason().code(), model, locale, response, HttpStatus.BAD_REQUEST);
            }
            return "redirect:/checkout/" + id;
        } catch (ApiException e) {
            return closedOrMissing(id, e, model, response);
        }
    }

    @PostMapping("/coupon/remove")
    String removeCoupon(@PathVariable String id, Model model, HttpServletResponse response) {
        try {
            sessions.removeCoupon(id);
            return "redirect:/checkout/" + id;
        } catch (ApiException e) {
            return closedOrMissing(id, e, model, response);
        }
    }

    @GetMapping("/qr")
    String qr(@PathVariable String id, Model model, Locale locale, HttpServletResponse response) {
        Optional<CheckoutSession> found = sessions.open(id);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        Optional<Payment> waiting = payments.latestPayment(found.get()).filter(CheckoutPageController::waitingForScan);
        if (!found.get().open() || waiting.isEmpty()) {
            return "redirect:/checkout/" + id + "/result";
        }
        noStore(response);
        view.fill(model, found.get(), locale);
        java.time.Instant expires = waiting.get().nextAction().expiresAt();
        model.addAttribute("expiresAt", expires == null ? null
                : java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(expires.atZone(CheckoutView.ZONE)));
        return "checkout/qr";
    }

    @GetMapping(path = "/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qrImage(@PathVariable String id) {
        return sessions.open(id).flatMap(payments::latestPayment).filter(CheckoutPageController::waitingForScan)
                .map(p -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                        .body(QrCodes.png(p.nextAction().qrPayload())))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /**
     * Polled by the QR code and result pages while the payment is under way: nothing (204) while it is, and htmx's
     * {@code HX-Redirect} to the result page once it is not.
     */
    @GetMapping("/status")
    ResponseEntity<Void> status(@PathVariable String id) {
        Optional<CheckoutSession> found = sessions.open(id);
        boolean waiting = found.isPresent() && found.get().open()
                && payments.latestPayment(found.get()).map(CheckoutPageController::underWay).orElse(false);
        if (waiting) {
            return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
        }
        return ResponseEntity.noContent().header("HX-Redirect", "/checkout/" + id + "/result").build();
    }

    @GetMapping("/result")
    String result(@PathVariable String id, Model model, Locale locale, HttpServletResponse response) {
        Optional<CheckoutSession> found = sessions.open(id);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        CheckoutSession s = found.get();
        Optional<Payment> latest = payments.latestPayment(s);
        if (s.open() && latest.isEmpty()) {
            // nothing tried yet: the page to pay on
            return "redirect:/checkout/" + id;
        }
        noStore(response);
        view.fill(model, s, locale);
        String outcome;
        if (s.status().equals(CheckoutSession.COMPLETE)) {
            outcome = "paid";
        } else if (s.status().equals(CheckoutSession.EXPIRED)) {
            outcome = "expired";
        } else if (latest.map(CheckoutPageController::underWay).orElse(false)) {
            outcome = latest.get().nextAction() != null && latest.get().nextAction().url() != null ? "authenticate" : "waiting";
            model.addAttribute("authenticateUrl", latest.get().nextAction() == null ? null : latest.get().nextAction().url());
        } else {
            outcome = "failed";
            model.addAttribute("failure", view.refusal(latest.map(Payment::failureCode).orElse("payment_canceled"), locale));
        }
        model.addAttribute("outcome", outcome);
        model.addAttribute("method", s.paymentMethod());
        return "checkout/result";
    }

    /** The payer gives up: a payment waiting for them is canceled, and a page takes them to the merchant's cancel_url. */
    @PostMapping("/cancel")
    String cancel(@PathVariable String id, Model model, Locale locale, HttpServletResponse response) {
        Optional<CheckoutSession> found = sessions.open(id);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        payments.abandon(id);
        return "redirect:/checkout/" + id + "/left";
    }

    @GetMapping("/left")
    String left(@PathVariable String id, Model model, Locale locale, HttpServletResponse response) {
        Optional<CheckoutSession> found = sessions.open(id);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        view.fill(model, found.get(), locale);
        return "checkout/left";
    }

    /** The page again, its form for {@code method} open and showing why nothing was paid. */
    String again(String id, String method, String code, Model model, Locale locale, HttpServletResponse response, HttpStatus status) {
        Optional<CheckoutSession> found = sessions.open(id);
        if (found.isEmpty()) {
            return notFound(model, response);
        }
        if (!found.get().open()) {
            return "redirect:/checkout/" + id + "/result";
        }
        noStore(response);
        response.setStatus(status.value());
        view.fill(model, found.get(), locale);
        model.addAttribute("errorMethod", method);
        if (found.get().allows(method)) {
            model.addAttribute("openMethod", method);
        }
        model.addAttribute("error", view.refusal(code, locale));
        return PAGE;
    }

    private String closedOrMissing(String id, ApiException e, Model model, HttpServletResponse response) {
        return e.status() == 404 ? notFound(model, response) : "redirect:/checkout/" + id + "/result";
    }

    static String notFound(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("message", "pages.error.notFound");
        return "pages/error";
    }

    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }

    static boolean waitingForScan(Payment p) {
        return p.status().equals("requires_action") && p.nextAction() != null && p.nextAction().qrPayload() != null;
    }

    /** Still with the payer or the channel: neither succeeded nor failed nor canceled. */
    static boolean underWay(Payment p) {
        return switch (p.status()) {
            case "requires_action", "requires_confirmation", "processing" -> true;
            default -> false;
        };
    }
}
