package io.huitong.simulator;

/** Where a simulated acquirer listens. */
public record ChannelInfo(String name, String host, int port) {
}
