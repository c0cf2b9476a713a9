package io.huitong.web.events;

import io.huitong.events.Event;
import io.huitong.events.EventTypes;
import io.huitong.events.Events;
import io.huitong.identity.ApiPrincipal;
import io.huitong.kernel.ApiException;
import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A merchant's events (docs/api.md, "Events and webhooks"): what webhooks deliver, readable at any time. */
@RestController
@RequestMapping("/v1/events")
@Tag(name = "Events (merchant)")
class EventController {

    private final Events events;

    EventController(Events events) {
        this.events = events;
    }

    /** The same JSON a webhook delivers. */
    record EventView(String id, @Schema(allowableValues = "event") String object,
                     @Schema(description = "payment.succeeded, payment.failed, refund.succeeded, ...") String type,
                     Instant createdAt, EventData data) {

        static EventView of(Event e) {
            return new EventView(e.id(), e.object(), e.type(), e.createdAt(), new EventData(e.data().object()));
        }
    }

    record EventData(@Schema(description = "The object the event is about (a payment, a refund, ...), as the API showed it then")
                     JsonNode object) {
    }

    @GetMapping
    @Operation(summary = "List events, newest first")
    Page<EventView> list(ApiPrincipal caller,
                         @Parameter(description = "Only events of this type, such as payment.succeeded")
                         @RequestParam(required = false) String type,
                         PageRequest page) {
        String merchantId = caller.merchantId();
        if (type != null && !EventTypes.isKnown(type)) {
            throw ApiException.invalid("type", "type must be one of " + String.join(", ", EventTypes.ALL));
        }
        return events.list(merchantId, type, page).map(EventView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Retrieve an event")
    EventView get(ApiPrincipal caller, @PathVariable String id) {
        return EventView.of(events.find(caller.merchantId(), id).orElseThrow(() -> ApiException.notFound("event", id)));
    }
}
