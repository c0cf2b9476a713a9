package io.huitong.channels;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Routes a notification ({@code POST /notify/{channel}}) to the connector of that channel. */
public final class NotificationReceivers {

    private final Map<String, NotificationReceiver> byName;

    public NotificationReceivers(List<NotificationReceiver> receivers) {
        this.byName = receivers.stream().collect(Collectors.toUnmodifiableMap(NotificationReceiver::name, Function.identity()));
    }

    /** The channel's answer, or empty when no connector of that name receives notifications. */
    public Optional<NotificationReceiver.Reply> receive(String channel, NotificationReceiver.Inbound notification) {
        return Optional.ofNullable(byName.get(channel)).map(r -> r.receive(notification));
    }
}
