package io.huitong.events;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * An event as the API shows it and as webhooks and RabbitMQ carry it:
 * {@code {"id":"evt_...","object":"event","type":...,"created_at":...,"data":{"object":{...}}}}.
 */
public record Event(String id, String object, String type, Instant createdAt, Data data) {

    public static final String OBJECT = "event";

    /** {@code data.object}: the object the event is about, exactly as the API showed it then. */
    public record Data(JsonNode object) {
    }
}
