package io.huitong.events;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.Optional;

/**
 * A merchant's webhook endpoints and their deliveries. Every method takes the merchant: another
 * merchant's endpoint is not found (404), never forbidden.
 */
public interface WebhookEndpoints {

    /** How many endpoints a merchant may have at once: every event fans out to each of them. */
    int MAX_PER_MERCHANT = 16;

    /**
     * Creates an endpoint after checking where its URL may point: live mode requires {@code https} and a
     * public address; test mode also allows plain {@code http} and loopback, for local development.
     */
    Created create(String merchantId, boolean livemode, NewWebhookEndpoint request);

    Optional<WebhookEndpoint> find(String merchantId, String endpointId);

    Page<WebhookEndpoint> list(String merchantId, PageRequest page);

    /** Deletes an endpoint: it gets no further deliveries, and the pending ones are canceled. */
    WebhookEndpoint delete(String merchantId, String endpointId);

    Page<WebhookDelivery> deliveries(String merchantId, String endpointId, PageRequest page);

    record Created(WebhookEndpoint endpoint, String secret) {
    }
}
