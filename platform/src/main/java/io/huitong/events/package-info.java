/**
 * Events and webhooks: every state change of a merchant's objects is recorded as an event in the same
 * transaction (an outbox), then delivered to the merchant's webhook endpoints, signed, with retries,
 * and published to RabbitMQ when configured.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Events", allowedDependencies = {"kernel", "identity", "vault"})
package io.huitong.events;
