package io.huitong.web.payments;

import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.huitong.payments.NewRefund;
import io.huitong.payments.Payments;
import io.huitong.payments.Refund;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** Refunds (docs/api.md, "Refunds"). */
@RestController
@RequestMapping("/v1/refunds")
@Tag(name = "Refunds")
class RefundController {

    private final Payments payments;

    RefundController(Payments payments) {
        this.payments = payments;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Refund a succeeded payment in full (no amount) or in part; never beyond what it received")
    Refund create(ApiPrincipal caller, @RequestBody NewRefund body,
                  @RequestHeader(name = PaymentController.IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return payments.refund(caller.merchantId(), body, idempotencyKey);
    }

    @GetMapping("/{id}")
    Refund get(ApiPrincipal caller, @PathVariable String id) {
        return payments.findRefund(caller.merchantId(), id).orElseThrow(() -> ApiException.notFound("refund", id));
    }

    @GetMapping
    Page<Refund> list(ApiPrincipal caller, PageRequest page, @RequestParam(required = false) String payment) {
        return payments.listRefunds(caller.merchantId(), payment, page);
    }
}
