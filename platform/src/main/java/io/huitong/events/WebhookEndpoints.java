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

    /** One delivery of the merchant's, with every attempt; another merchant's is not found. */
    Optional<WebhookDelivery> delivery(String merchantId, String deliveryId);

    /**
     * Sends a delivery's event to its endpoint again: a new delivery of the same event (same id, same body) to the same
     * endpoint, due at once, which the relay attempts like any other; the delivery it repeats keeps its own history. An
     * unknown delivery, another merchant's, or one whose endpoint was deleted is a 404.
     */
    WebhookDelivery replay(String merchantId, String deliveryId);

    record Created(WebhookEndpoint endpoint, String secret) {
    }
}
