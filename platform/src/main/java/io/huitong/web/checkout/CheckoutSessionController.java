package io.huitong.web.checkout;

import io.huitong.checkout.CheckoutSession;
import io.huitong.checkout.CheckoutSessions;
import io.huitong.checkout.LineItem;
import io.huitong.checkout.NewCheckoutSession;
import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Checkout sessions (docs/checkout.md): the hosted page a merchant sends its payer to. */
@RestController
@RequestMapping("/v1/checkout/sessions")
@Tag(name = "Checkout", description = """
        A checkout session is a hosted payment page for one order: send the payer to its `url`. The page shows the \
        merchant, the amount and line items, a coupon field and the methods the session allows (card with step-up, \
        the wallet operator's QR code, the Huitong wallet, e-CNY, bank transfer). When the payment succeeds the session \
        is `complete` and the payer goes on to `success_url`; `cancel_url` is where they go when they give up. \
        See docs/checkout.md.""")
class CheckoutSessionController {

    private final CheckoutSessions sessions;
    private final CheckoutLinks links;

    CheckoutSessionController(CheckoutSessions sessions, CheckoutLinks links) {
        this.sessions = sessions;
        this.links = links;
    }

    record SessionView(String id, @Schema(allowableValues = "checkout.session") String object,
                       @Schema(description = "The hosted page to send the payer to") String url,
                       @Schema(allowableValues = {"open", "complete", "expired"}) String status, long amount,
                       @Schema(description = "What the coupon takes off, in minor units") long amountDiscount,
                       @Schema(description = "What the payer pays: amount less amount_discount") long amountTotal, String currency,
                       String description, List<LineItem> lineItems, String successUrl, String cancelUrl, List<String> allowedMethods,
                       @Schema(description = "The code of the coupon the payer entered, or null") String coupon,
                       @Schema(description = "The latest payment tried (pay_...), the succeeded one once complete; null before any")
                       String payment,
                       @Schema(description = "The method the payer chose for it") String paymentMethod,
                       Map<String, String> metadata, Instant expiresAt, Instant completedAt, Instant createdAt) {

        static SessionView of(CheckoutSession s, String url) {
            return new SessionView(s.id(), "checkout.session", url, s.status(), s.amount(), s.amountDiscount(), s.amountTotal(),
                    s.currency(), s.description(), s.lineItems(), s.successUrl(), s.cancelUrl(), s.allowedMethods(), s.couponCode(),
                    s.paymentId(), s.paymentMethod(), s.metadata(), s.expiresAt(), s.completedAt(), s.createdAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a checkout session; send the payer to its url",
            description = "amount in minor units; line_items (name, quantity, unit amount), when given, add up to amount. expires_in: "
                    + "300 to 86400 seconds (default 3600). allowed_methods: card, qr, wallet, ecny, bank_transfer (default: all that "
                    + "take the currency; qr, wallet and ecny take CNY only). success_url and cancel_url: absolute http(s) URLs; "
                    + "{CHECKOUT_SESSION_ID} in success_url is replaced by the session's id. Idempotency-Key as for every POST.")
    SessionView create(ApiPrincipal caller, @RequestBody NewCheckoutSession body) {
        CheckoutSession created = sessions.create(caller.merchantId(), body);
        return view(created);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Retrieve a checkout session; another merchant's is not found (404)")
    SessionView get(ApiPrincipal caller, @PathVariable String id) {
        return view(sessions.find(caller.merchantId(), id).orElseThrow(() -> ApiException.notFound("checkout session", id)));
    }

    @GetMapping
    @Operation(summary = "List checkout sessions, newest first")
    Page<SessionView> list(ApiPrincipal caller, PageRequest page) {
        return sessions.list(caller.merchantId(), page).map(this::view);
    }

    private SessionView view(CheckoutSession s) {
        return SessionView.of(s, links.page(s.id()));
    }
}
