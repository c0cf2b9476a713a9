package io.huitong.channels;

import java.time.Duration;

/** A connection to one channel that can say how it is doing. */
public interface Connector {

    String name();

    ChannelStatus status();

    /**
     * The channel's recent calls that ended less than {@code within} ago: what routing scores. A connector
     * that keeps a {@link ChannelWindow} answers {@link ChannelWindow#snapshot(Duration)}; by default, the
     * window its status shows.
     */
    default ChannelWindow.Snapshot recent(Duration within) {
        return status().recent();
    }

    /** The breaker that guards the channel's new business; null for a channel without one. */
    default ChannelBreaker breaker() {
        return null;
    }

    /**
     * Asks the channel, by the cheapest request its protocol has, whether it answers (an ISO 8583 echo test, a
     * status query for an order that does not exist), waiting at most {@code timeout}. It moves no money and
     * is counted nowhere: neither by the breaker nor in the recent calls. False when it did not answer, or
     * answered that it cannot work now; false for a channel that has no such request.
     */
    default boolean echo(Duration timeout) {
        return false;
    }
}
