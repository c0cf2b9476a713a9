package io.huitong.events;

/**
 * Records what happened to a merchant's objects. Call it inside the transaction that makes the change:
 * the event is written with it or not at all, and is delivered (webhooks, RabbitMQ) only after commit.
 */
public interface EventLog {

    /**
     * The owner of the platform's own events (a reconciliation completed, say): they are kept and published to RabbitMQ
     * like every event, and belong to no merchant, so no merchant lists them or receives them at a webhook.
     */
    String PLATFORM = "platform";

    /**
     * Records an event and schedules its deliveries.
     *
     * @param merchantId the merchant the object belongs to
     * @param type       the event type, such as {@code payment.succeeded}
     * @param object     the object as the API shows it (serialized with the API's JSON rules); it must
     *                   carry no secret and no full card number
     * @return the event id ({@code evt_...})
     */
    String record(String merchantId, String type, Object object);

    /** An event to record: the same three things {@link #record} takes. */
    record NewEvent(String merchantId, String type, Object object) {
    }

    /**
     * Records several events at once, in the caller's transaction, in their order; answers their ids.
     * Meant for work done in batches: fewer round trips than one {@link #record} per event.
     */
    default java.util.List<String> recordAll(java.util.List<NewEvent> events) {
        return events.stream().map(e -> record(e.merchantId(), e.type(), e.object())).toList();
    }
}
