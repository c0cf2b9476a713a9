package io.huitong.events;

import io.huitong.kernel.Page;
import io.huitong.kernel.PageRequest;
import java.util.Optional;

/** A merchant's events, newest first. Another merchant's event is simply not found. */
public interface Events {

    Optional<Event> find(String merchantId, String eventId);

    /** @param type only events of this type, or null for all */
    Page<Event> list(String merchantId, String type, PageRequest page);
}
