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
}
