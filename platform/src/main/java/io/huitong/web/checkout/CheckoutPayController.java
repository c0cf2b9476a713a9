package io.huitong.web.checkout;

import io.huitong.checkout.CheckoutPayments;
import io.huitong.checkout.PaymentAttempt;
import io.huitong.kernel.ApiException;
import io.huitong.payments.NewPayment;
import io.huitong.payments.Payment;
import io.huitong.payments.PaymentRefused;
import io.huitong.risk.RiskContext;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The checkout page's payment forms. Each posts here, pays through checkout, and answers with a redirect to the page
 * that follows (the result, the QR code, the hosted step-up page) or with the checkout page again saying why nothing
 * was paid. Card details are handed to payments and forgotten: never stored, logged or written back into a page.
 */
@Hidden
@Controller
@RequestMapping("/checkout/{id}")
class CheckoutPayController {

    private final CheckoutPayments payments;
    private final CheckoutPageController pages;

    CheckoutPayController(CheckoutPayments payments, CheckoutPageController pages) {
        this.payments = payments;
        this.pages = pages;
    }

    @PostMapping("/card")
    String card(@PathVariable String id, @RequestParam(required = false) String number, @RequestParam(required = false) String expiry,
                @RequestParam(required = false) String cvc, Model model, Locale locale, HttpServletRequest request,
                HttpServletResponse response) {
        NewPayment.CardInput card = CardForm.parse(number, expiry, cvc);
        if (card == null) {
            return pages.again(id, "card", "card_details_invalid", model, locale, response, HttpStatus.BAD_REQUEST);
        }
        return answer(id, "card", () -> payments.payByCard(id, card, context(request)), model, locale, response);
    }

    @PostMapping("/qr")
    String qr(@PathVariable String id, Model model, Locale locale, HttpServletResponse response) {
        PaymentAttempt attempt = payments.showQr(id);
        if (attempt instanceof PaymentAttempt.Made made && CheckoutPageController.waitingForScan(made.payment())) {
            return "redirect:/checkout/" + id + "/qr";
        }
        return answer(id, "qr", () -> attempt, model, locale, response);
    }

    @PostMapping("/wallet")
    String wallet(@PathVariable String id, @RequestParam(required = false) String phone, @RequestParam(required = false) String password,
                  @RequestParam(required = false) String otp, Model model, Locale locale, HttpServletRequest request,
                  HttpServletResponse response) {
        if (blank(phone) || blank(password)) {
            return pages.again(id, "wallet", "wallet_login_missing", model, locale, response, HttpStatus.BAD_REQUEST);
        }
        String code = blank(otp) ? null : otp.strip();
        return answer(id, "wallet", () -> payments.payFromWallet(id, phone.strip(), password, code, request.getRemoteAddr(),
                context(request)), model, locale, response);
    }

    @PostMapping("/ecny")
    String ecny(@PathVariable String id, @RequestParam(name = "wallet_id", required = false) String walletId, Model model,
                Locale locale, HttpServletResponse response) {
        return answer(id, "ecny", () -> payments.payByEcny(id, new NewPayment.EcnyInput(digits(walletId))), model, locale, response);
    }

    @PostMapping("/bank_transfer")
    String bankTransfer(@PathVariable String id, @RequestParam(name = "bank_code", required = false) String bankCode,
                        @RequestParam(name = "account_number", required = false) String accountNumber,
                        @RequestParam(name = "account_name", required = false) String accountName, Model model, Locale locale,
                        HttpServletResponse response) {
        return answer(id, "bank_transfer", () -> payments.payByBankTransfer(id, new NewPayment.BankAccountInput(
                bankCode == null ? null : bankCode.strip().toUpperCase(Locale.ROOT), digits(accountNumber),
                accountName == null ? null : accountName.strip())), model, locale, response);
    }

    private String answer(String id, String method, Supplier<PaymentAttempt> pay, Model model, Locale locale,
                          HttpServletResponse response) {
        PaymentAttempt attempt;
        try {
            attempt = pay.get();
        } catch (PaymentRefused e) {
            return pages.again(id, method, "details_invalid." + method, model, locale, response, HttpStatus.BAD_REQUEST);
        } catch (ApiException e) {
            return pages.again(id, method, "details_invalid." + method, model, locale, response, HttpStatus.BAD_REQUEST);
        }
        return switch (attempt) {
            case PaymentAttempt.Refused r when "resource_missing".equals(r.code()) -> CheckoutPageController.notFound(model, response);
            case PaymentAttempt.Refused r when r.code().startsWith("checkout_session_") -> "redirect:/checkout/" + id + "/result";
            case PaymentAttempt.Refused r -> pages.again(id, method, r.code(), model, locale, response, status(r.code()));
            case PaymentAttempt.Made m when "failed".equals(m.payment().status()) ->
                    pages.again(id, method, m.payment().failureCode(), model, locale, response, HttpStatus.PAYMENT_REQUIRED);
            case PaymentAttempt.Made m -> next(id, m.payment());
        };
    }

    /** Where the payer goes once the payment is made or started. */
    private static String next(String id, Payment p) {
        if (p.status().equals("requires_action") && p.nextAction() != null && p.nextAction().url() != null) {
            // the hosted step-up page is the platform's own: go there by its path, so the form's target stays this origin
            URI url = URI.create(p.nextAction().url());
            return "redirect:" + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        }
        if (CheckoutPageController.waitingForScan(p)) {
            return "redirect:/checkout/" + id + "/qr";
        }
        return "redirect:/checkout/" + id + "/result";
    }

    private static HttpStatus status(String code) {
        return switch (code) {
            case "card_declined", "insufficient_funds", "expired_card", "incorrect_cvc", "invalid_number", "risk_blocked",
                 "limit_exceeded", "authentication_required" -> HttpStatus.PAYMENT_REQUIRED;
            case "invalid_credentials" -> HttpStatus.UNAUTHORIZED;
            case "login_locked" -> HttpStatus.TOO_MANY_REQUESTS;
            default -> HttpStatus.BAD_REQUEST;
        };
    }

    private static RiskContext context(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        try {
            return new RiskContext(request.getRemoteAddr(), null, null, null, null,
                    agent == null ? null : agent.substring(0, Math.min(agent.length(), 512)));
        } catch (ApiException e) {
            return RiskContext.EMPTY;
        }
    }

    private static String digits(String text) {
        return text == null ? null : text.replaceAll("[\\s-]", "");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
