package io.huitong.events;

import java.time.Instant;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events to and from JSON with the API's own mapper, so {@code data.object} reads exactly like the API
 * response it was made from, and a webhook, a RabbitMQ message and {@code GET /v1/events/{id}} agree.
 */
final class EventJson {

    private final JsonMapper json;

    EventJson(JsonMapper json) {
        this.json = json;
    }

    String object(Object object) {
        return json.writeValueAsString(object);
    }

    Event event(String id, String type, String data, Instant createdAt) {
        return new Event(id, Event.OBJECT, type, createdAt, new Event.Data(json.readTree(data)));
    }

    /** An endpoint's {@code enabled_events} as stored: a JSON array of type names. */
    String types(List<String> types) {
        return json.writeValueAsString(types);
    }

    List<String> types(String stored) {
        return List.copyOf(json.readValue(stored, new TypeReference<List<String>>() {
        }));
    }

    /** The body of a webhook and of a RabbitMQ message: the same bytes on every retry of the event. */
    String body(Event event) {
        return json.writeValueAsString(event);
    }
}
