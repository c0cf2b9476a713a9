package io.huitong.events;

import java.time.Instant;

/**
 * Published in-process, synchronously and inside the recording transaction, for every event the
 * {@link EventLog} records: a listener that writes to the database in the same thread takes part in that
 * transaction, so what it writes commits or rolls back with the change the event reports. {@code object}
 * is the object exactly as it was handed to the log (a {@code Payment}, a {@code Refund}, ...).
 */
public record EventRecorded(String eventId, String merchantId, String type, Object object, Instant createdAt) {
}
