package io.huitong.web.checkout;

import io.huitong.payments.Payment;
import io.huitong.payments.PaymentRefused;
import io.huitong.payments.Refusal;
import io.huitong.payments.Payments;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The hosted step-up authentication page a payment's {@code next_action.url} points to. In test mode
 * the payer presses Complete or Fail, as card networks' test pages do; the payment then proceeds or
 * fails. The page is reached with the payment's one-time token, not with an API key. A payment made on a hosted
 * checkout page goes back to that checkout's result page.
 */
@Hidden
@RestController
@RequestMapping(path = "/pay/authenticate/{id}", produces = MediaType.TEXT_HTML_VALUE)
class AuthenticationPageController {

    private final Payments payments;

    AuthenticationPageController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping
    ResponseEntity<String> page(@PathVariable String id, @RequestParam(required = false) String token) {
        return payments.awaitingAuthentication(id, token)
                .map(p -> p.status().equals("requires_action") ? ask(p, token) : outcome(p))
                .orElseGet(AuthenticationPageController::unknown);
    }

    @PostMapping("/complete")
    ResponseEntity<String> complete(@PathVariable String id, @RequestParam(required = false) String token) {
        return answer(id, token, true);
    }

    @PostMapping("/fail")
    ResponseEntity<String> fail(@PathVariable String id, @RequestParam(required = false) String token) {
        return answer(id, token, false);
    }

    private ResponseEntity<String> answer(String id, String token, boolean passed) {
        try {
            Payment p = payments.completeAuthentication(id, token, passed);
            String checkout = p.metadata() == null ? null : p.metadata().get("checkout_session");
            if (checkout != null && checkout.matches("cs_[0-9A-Z]{26}")) {
                // a payment of a hosted checkout: the payer goes on to its result page
                return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", "/checkout/" + checkout + "/result")
                        .header("Cache-Control", "no-store").build();
            }
            return outcome(p);
        } catch (PaymentRefused e) {
            if (e.refusal() instanceof Refusal.NotFound) {
                return unknown();
            }
            throw e;
        }
    }

    private static ResponseEntity<String> ask(Payment p, String token) {
        String action = "/pay/authenticate/" + HtmlUtils.htmlEscape(p.id()) + "/%s?token=" + HtmlUtils.htmlEscape(token);
        String body = """
                <p>A payment of <strong>%s</strong> with the card ending in <strong>%s</strong> asks you to confirm it is you.</p>
                <p class="test">Test mode: no real bank is asked. Choose the outcome.</p>
                <form method="post" action="%s"><button type="submit">Complete</button></form>
                <form method="post" action="%s"><button type="submit" class="fail">Fail</button></form>
                """.formatted(amount(p), HtmlUtils.htmlEscape(String.valueOf(p.paymentMethod().card().last4())),
                action.formatted("complete"), action.formatted("fail"));
        return html(HttpStatus.OK, "Confirm your payment", body);
    }

    private static ResponseEntity<String> outcome(Payment p) {
        String text = switch (p.status()) {
            case "succeeded", "requires_capture" -> "Thank you: your payment of " + amount(p) + " is authorized.";
            case "processing" -> "Your payment of " + amount(p) + " is being processed.";
            case "failed" -> "The payment of " + amount(p) + " did not go through.";
            case "canceled" -> "The payment of " + amount(p) + " was canceled.";
            default -> "The payment of " + amount(p) + " is " + HtmlUtils.htmlEscape(p.status()) + ".";
        };
        return html(HttpStatus.OK, "Payment " + HtmlUtils.htmlEscape(p.status()), "<p id=\"outcome\" data-status=\""
                + HtmlUtils.htmlEscape(p.status()) + "\">" + text + "</p>");
    }

    private static ResponseEntity<String> unknown() {
        return html(HttpStatus.NOT_FOUND, "Link not valid", "<p>This authentication link is not valid.</p>");
    }

    private static String amount(Payment p) {
        int digits = java.util.Currency.getInstance(p.currency()).getDefaultFractionDigits();
        java.math.BigDecimal major = java.math.BigDecimal.valueOf(p.amount(), Math.max(digits, 0));
        return HtmlUtils.htmlEscape(p.currency() + " " + major.toPlainString().toUpperCase(Locale.ROOT));
    }

    private static ResponseEntity<String> html(HttpStatus status, String title, String body) {
        String page = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Huitong</title>
                <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
                button{font-size:1rem;padding:.6rem 1.4rem;margin:.3rem 0;width:100%%}.fail{background:#fee}.test{color:#666}</style>
                </head><body><h1>%s</h1>%s</body></html>
                """.formatted(title, title, body);
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-store").body(page);
    }
}
