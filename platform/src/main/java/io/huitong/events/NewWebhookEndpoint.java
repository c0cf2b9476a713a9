package io.huitong.events;

import io.huitong.kernel.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A merchant's request for a webhook endpoint; refuses itself with a 400 naming the field. Where the URL
 * may point is decided at creation by the URL policy, which knows whether the caller is in live mode.
 */
public record NewWebhookEndpoint(String url, List<String> enabledEvents, String description) {

    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;

    public NewWebhookEndpoint {
        if (url == null || url.isBlank()) {
            throw ApiException.missing("url");
        }
        url = url.strip();
        if (url.length() > MAX_URL_LENGTH) {
            throw ApiException.invalid("url", "url must be at most " + MAX_URL_LENGTH + " characters");
        }
        if (enabledEvents == null || enabledEvents.isEmpty()) {
            throw ApiException.missing("enabled_events");
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String type : enabledEvents) {
            if (!EventTypes.WILDCARD.equals(type) && !EventTypes.isKnown(type)) {
                throw ApiException.invalid("enabled_events", "enabled_events must list event types ("
                        + String.join(", ", EventTypes.ALL) + ") or \"*\" for all of them");
            }
            types.add(type);
        }
        enabledEvents = List.copyOf(new ArrayList<>(types));
        if (description != null) {
            description = description.strip();
            if (description.isEmpty()) {
                description = null;
            } else if (description.length() > MAX_DESCRIPTION_LENGTH) {
                throw ApiException.invalid("description", "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
            }
        }
    }

    /** Whether an endpoint listening to these types receives an event of {@code type}. */
    public static boolean listensTo(List<String> enabledEvents, String type) {
        return enabledEvents.contains(EventTypes.WILDCARD) || enabledEvents.contains(type);
    }
}
