package io.huitong.channels;

/** A connection to one channel that can say how it is doing. */
public interface Connector {

    String name();

    ChannelStatus status();
}
