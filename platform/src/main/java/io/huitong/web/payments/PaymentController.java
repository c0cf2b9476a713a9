package io.huitong.web.payments;

import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.payments.NewPayment;
import io.huitong.payments.PaymentAnswer;
import io.huitong.payments.RequestKey;
import io.huitong.web.error.ApiError;
import io.huitong.web.error.PaymentRefusals;
import io.huitong.web.idempotency.RequestFingerprint;
import io.huitong.web.insights.PaymentSearchParams;
import io.huitong.web.request.RequestBodies;
import io.huitong.web.request.RequestIds;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import io.huitong.payments.Payment;
import io.huitong.payments.PaymentFilter;
import io.huitong.payments.Payments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Payments (docs/api.md, "Payments"). */
@RestController
@RequestMapping("/v1/payments")
@Tag(name = "Payments")
class PaymentController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;

    private final Payments payments;
    private final RequestFingerprint fingerprints;

    PaymentController(Payments payments, RequestFingerprint fingerprints) {
        this.payments = payments;
        this.fingerprints = fingerprints;
    }

    record Capture(Long amount) {
    }

    record NoParameters() {
    }

    @PostMapping
    @Operation(summary = "Create a payment; with confirm (the default) it is authorized at once",
            description = "A declined card answers 402 card_error naming the failed payment as `payment`. With an Idempotency-Key, a"
                    + " repeat of the request gets the first answer again (header Idempotent-Replayed: true).",
            responses = @ApiResponse(responseCode = "201", description = "The payment",
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = Payment.class))))
    ResponseEntity<?> create(ApiPrincipal caller, @RequestBody NewPayment body,
                             @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, HttpServletRequest request) {
        RequestKey key = null;
        if (idempotencyKey != null) {
            if (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY_LENGTH) {
                throw ApiException.invalid(IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 255 characters.");
            }
            String path = request.getQueryString() == null ? request.getRequestURI() : request.getRequestURI() + "?" + request.getQueryString();
            key = new RequestKey(idempotencyKey, fingerprints.of(request.getMethod(), path, RequestBodies.of(request)).value(),
                    RequestIds.of(request));
        }
        return switch (payments.create(caller.merchantId(), body, key)) {
            // the answer kept for repeats, sent as it is: written once, and a repeat gets the very same bytes
            case PaymentAnswer.Fresh fresh when fresh.body() != null -> ResponseEntity.status(HttpStatus.CREATED)
                    .contentType(MediaType.APPLICATION_JSON).body(fresh.body().getBytes(StandardCharsets.UTF_8));
            case PaymentAnswer.Fresh fresh -> ResponseEntity.status(HttpStatus.CREATED).body(fresh.payment());
            case PaymentAnswer.Replay replay when replay.refusal() != null -> ResponseEntity.status(replay.status())
                    .header(REPLAYED, "true").contentType(MediaType.APPLICATION_JSON)
                    .body(ApiError.of(PaymentRefusals.toApi(replay.refusal()), replay.requestId()));
            case PaymentAnswer.Replay replay -> ResponseEntity.status(replay.status()).header(REPLAYED, "true")
                    .contentType(MediaType.APPLICATION_JSON).body(replay.body().getBytes(StandardCharsets.UTF_8));
        };
    }

    @PostMapping("/{id}/confirm")
    @Operation(summary = "Confirm a payment created with confirm: false")
    Payment confirm(ApiPrincipal caller, @PathVariable String id, @RequestBody(required = false) NoParameters body) {
        return payments.confirm(caller.merchantId(), id);
    }

    @PostMapping("/{id}/capture")
    @Operation(summary = "Capture an authorized payment, in full or in part; the rest is released")
    Payment capture(ApiPrincipal caller, @PathVariable String id, @RequestBody(required = false) Capture body) {
        return payments.capture(caller.merchantId(), id, body == null ? null : body.amount());
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a payment before it succeeded; any authorization is released")
    Payment cancel(ApiPrincipal caller, @PathVariable String id, @RequestBody(required = false) NoParameters body) {
        return payments.cancel(caller.merchantId(), id);
    }

    @GetMapping("/{id}")
    Payment get(ApiPrincipal caller, @PathVariable String id) {
        return payments.find(caller.merchantId(), id).orElseThrow(() -> ApiException.notFound("payment", id));
    }

    @GetMapping
    @Operation(summary = "List payments, newest first; created_gte / created_lte are RFC 3339 timestamps",
            description = "Filters, each optional: status; method (card, bank_transfer, ecny, qr, payment_code); amount_gte and"
                    + " amount_lte (minor units); created_gte and created_lte; card_last4; reference (the payment's id, or else"
                    + " exactly its description or a value of its metadata). GET /v1/payments/export.csv and .xlsx take the same"
                    + " filters. A query parameter of any other name is refused (400 parameter_unknown naming it).")
    Page<Payment> list(ApiPrincipal caller, PageRequest page, @RequestParam(required = false) String status,
                       @RequestParam(name = "created_gte", required = false) String createdGte,
                       @RequestParam(name = "created_lte", required = false) String createdLte,
                       @RequestParam(required = false) String method,
                       @RequestParam(name = "amount_gte", required = false) String amountGte,
                       @RequestParam(name = "amount_lte", required = false) String amountLte,
                       @RequestParam(name = "card_last4", required = false) String cardLast4,
                       @RequestParam(required = false) String reference) {
        PaymentFilter filter = new PaymentFilter(status, timestamp(createdGte, "created_gte"), timestamp(createdLte, "created_lte"),
                method, PaymentSearchParams.amount(amountGte, "amount_gte"), PaymentSearchParams.amount(amountLte, "amount_lte"),
                cardLast4, reference);
        return payments.list(caller.merchantId(), filter, page);
    }

    static Instant timestamp(String text, String param) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(param, param + " must be an RFC 3339 timestamp such as 2026-01-31T00:00:00Z");
        }
    }
}
