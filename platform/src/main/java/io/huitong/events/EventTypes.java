package io.huitong.events;

import java.util.List;

/** The event types of docs/api.md, and the wildcard a webhook endpoint may listen to instead. */
public final class EventTypes {

    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    public static final String PAYMENT_FAILED = "payment.failed";
    public static final String PAYMENT_REQUIRES_ACTION = "payment.requires_action";
    public static final String PAYMENT_CANCELED = "payment.canceled";
    public static final String PAYMENT_CAPTURED = "payment.captured";
    public static final String PAYMENT_PROCESSING = "payment.processing";
    public static final String REFUND_SUCCEEDED = "refund.succeeded";
    public static final String REFUND_FAILED = "refund.failed";
    public static final String PAYOUT_PAID = "payout.paid";
    public static final String PAYOUT_FAILED = "payout.failed";

    /** In a webhook endpoint's {@code enabled_events}: every type, including types added later. */
    public static final String WILDCARD = "*";

    public static final List<String> ALL = List.of(PAYMENT_SUCCEEDED, PAYMENT_FAILED, PAYMENT_REQUIRES_ACTION,
            PAYMENT_CANCELED, PAYMENT_CAPTURED, PAYMENT_PROCESSING, REFUND_SUCCEEDED, REFUND_FAILED, PAYOUT_PAID, PAYOUT_FAILED);

    /** The platform's own event types ({@link EventLog#PLATFORM}): published to RabbitMQ, never to a merchant. */
    public static final String RECONCILIATION_COMPLETED = "reconciliation.completed";

    public static final List<String> PLATFORM = List.of(RECONCILIATION_COMPLETED);

    private EventTypes() {
    }

    public static boolean isKnown(String type) {
        return type != null && ALL.contains(type);
    }

    /** Whether events of this type may be recorded for this owner: a merchant's types for merchants, the platform's for it. */
    static boolean recordable(String owner, String type) {
        return EventLog.PLATFORM.equals(owner) ? PLATFORM.contains(type) : isKnown(type);
    }
}
