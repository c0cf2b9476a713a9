package io.huitong.web.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.huitong.events.NewWebhookEndpoint;
import io.huitong.events.WebhookDelivery;
import io.huitong.events.WebhookEndpoint;
import io.huitong.events.WebhookEndpoints;
import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's webhook endpoints (docs/api.md, "Events and webhooks") and what was delivered to them. */
@RestController
@RequestMapping("/v1/webhook_endpoints")
@Tag(name = "Webhooks (merchant)", description = """
        Events are POSTed to each endpoint listening to their type, signed with the endpoint's secret: header \
        `Huitong-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Any 2xx answer \
        counts as delivered; otherwise the same event is retried with exponential backoff (10 s doubling, at \
        most 1 h apart) for at least 24 hours. Live-mode endpoints must be https on a public address; \
        test-mode endpoints may also be plain http on loopback.""")
class WebhookEndpointController {

    private final WebhookEndpoints endpoints;

    WebhookEndpointController(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    record EndpointView(String id, @Schema(allowableValues = "webhook_endpoint") String object, String url, List<String> enabledEvents, String description,
                        @Schema(allowableValues = {"enabled", "deleted"}) String status,
                        boolean livemode,
                        @Schema(description = "The signing secret; in the answer to the creation only")
                        @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
                        Instant createdAt) {

        static EndpointView of(WebhookEndpoint e, String secret) {
            return new EndpointView(e.id(), "webhook_endpoint", e.url(), e.enabledEvents(), e.description(), e.status(), e.livemode(),
                    secret, e.createdAt());
        }
    }

    record AttemptView(Instant attemptedAt,
                       @Schema(description = "The endpoint's HTTP status; null when there was no answer") Integer statusCode,
                       @Schema(description = "Why there was no answer (timeout, connection failed, address refused)") String error,
                       long durationMs) {
    }

    record DeliveryView(String id, @Schema(allowableValues = "webhook_delivery") String object, String event, String type, String endpoint,
                        @Schema(allowableValues = {"pending", "delivered", "failed", "canceled"}) String status,
                        int attempts, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, Instant createdAt,
                        @Schema(description = "Every attempt, oldest first") List<AttemptView> attemptHistory) {

        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id(), "webhook_delivery", d.eventId(), d.eventType(), d.endpointId(), d.status(), d.attempts(),
                    d.nextAttemptAt(), d.lastAttemptAt(), d.lastStatusCode(), d.createdAt(),
                    d.history().stream().map(a -> new AttemptView(a.attemptedAt(), a.statusCode(), a.error(), a.durationMs())).toList());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a webhook endpoint; the answer carries its signing secret, shown this once")
    EndpointView create(ApiPrincipal caller, @RequestBody NewWebhookEndpoint body) {
        WebhookEndpoints.Created created = endpoints.create(caller.merchantId(), caller.livemode(), body);
        return EndpointView.of(created.endpoint(), created.secret());
    }

    @GetMapping
    @Operation(summary = "List the webhook endpoints, newest first")
    Page<EndpointView> list(ApiPrincipal caller, PageRequest page) {
        return endpoints.list(caller.merchantId(), page).map(e -> EndpointView.of(e, null));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Retrieve a webhook endpoint (without its secret)")
    EndpointView get(ApiPrincipal caller, @PathVariable String id) {
        return EndpointView.of(find(caller, id), null);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a webhook endpoint: no further deliveries, pending ones are canceled")
    EndpointView delete(ApiPrincipal caller, @PathVariable String id) {
        return EndpointView.of(endpoints.delete(caller.merchantId(), id), null);
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "List the deliveries to a webhook endpoint, newest first, with every attempt")
    Page<DeliveryView> deliveries(ApiPrincipal caller, @PathVariable String id, PageRequest page) {
        return endpoints.deliveries(caller.merchantId(), id, page).map(DeliveryView::of);
    }

    private WebhookEndpoint find(ApiPrincipal caller, String id) {
        return endpoints.find(caller.merchantId(), id).orElseThrow(() -> ApiException.notFound("webhook endpoint", id));
    }
}
